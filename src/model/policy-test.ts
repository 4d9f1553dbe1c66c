/** `kubeward policy test`: the outcome of one rule or policy on one resource. */
export type TestResult = 'pass' | 'fail' | 'skip';

export interface PolicyTestRow {
  /** `Kind/namespace/name` or `Kind/name`. */
  resource: string;
  check: string;
  result: TestResult;
  expected?: TestResult;
  /** Set when an expectation was given and the result differs. */
  mismatch?: boolean;
  messages: string[];
  location: { file: string; line: number };
}

export interface PolicyTestResult {
  rows: PolicyTestRow[];
  /** Rules or policies that cannot be used (do not compile): the test fails. */
  problems: { file: string; line: number; column: number; message: string }[];
  /** Expectations naming a resource or check nothing matched. */
  unmatched: string[];
  warnings: string[];
  mismatches: number;
  passed: boolean;
}

