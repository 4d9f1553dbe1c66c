import type { ImagesSection, NetpolSection, RbacSection } from '../model/analysis-sections.js';
import type { FrameworkCompliance } from '../frameworks/compliance.js';
import type { Finding, FrameworkRefs, Severity } from '../model/finding.js';
import type { SuppressedFinding } from '../model/suppressed.js';

export type { SuppressedFinding };

/** Version of the JSON findings contract (docs/findings-json.md). Bump the major on breaking changes. */
export const REPORT_SCHEMA_VERSION = '1.3';

/** A check as reports need it (SARIF rules, JUnit suites, HTML help). */
export interface ReportCheck {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  description: string;
  remediation: string;
  frameworks: FrameworkRefs;
  /** What the check looks at: decides which objects it was evaluated on (JUnit, PolicyReport passes). */
  subject: 'container' | 'pod' | 'object' | 'inventory' | 'load' | 'dockerfile';
  /** For `object` checks limited to some kinds. */
  kinds?: string[];
}

/** An object that was scanned. */
export interface ReportObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  line: number;
  /** True when the object carries at least one pod spec (container and pod checks ran on it). */
  podSpec: boolean;
  /** Pod Security checks that ran but did not judge this object (its namespace's labels or --pss leave the control out). */
  pssNotJudged?: string[];
}

/** One line of the per-check summary. */
export interface CheckSummary {
  check: string;
  /** The highest severity among the check's findings. */
  severity: Severity;
  findings: number;
  /** Distinct objects (or files, for findings on no object) the findings are on. */
  objects: number;
}

/** The versioned value every output format is rendered from. Built by the engine; formats are pure. */
export interface Report {
  schemaVersion: string;
  tool: { name: 'kubeward'; version: string };
  /** ISO 8601 time of the scan. */
  scannedAt: string;
  summary: {
    files: number;
    objects: number;
    findings: Record<Severity, number>;
    suppressed: number;
    /** Files found walking a tree with nothing Kubernetes in them (CI workflows, package.json, values files): not read. */
    skipped?: number;
    /** Findings left out by `--severity` (not in `findings`, not counted above). */
    hidden?: number;
    /** Reliability hygiene and opt-in hardening findings left out by `--profile security` (the default; `--profile all` shows them). */
    hiddenByProfile?: number;
    /** hiddenByProfile split by class. */
    hiddenByClass?: { hygiene: number; hardening: number };
    /** Findings on Helm test hooks (`helm.sh/hook: test*`), reported apart in `helmTests` (`--include-helm-tests` mixes them in). */
    helmTests?: number;
    /** Per check with findings: its (highest) severity, how many findings and on how many objects; most severe first. */
    byCheck?: CheckSummary[];
  };
  /** Sorted by file, line, column, check id. */
  findings: Finding[];
  /** Findings folded under another finding on the same volume or container (each with `impliedBy`): not counted, not shown. */
  implied?: Finding[];
  /**
   * Findings on Helm test hooks (`helm.sh/hook: test`, `test-success`, `test-failure`: objects only `helm test` creates,
   * once), reported apart: not counted in the summary's findings, not seen by --fail-on. Absent with --include-helm-tests.
   */
  helmTests?: Finding[];
  suppressed: SuppressedFinding[];
  /** Every check that ran. */
  checks: ReportCheck[];
  objects: ReportObject[];
  /** Things the user should know that are not findings (a renderer missing, an expired exception, ...). */
  warnings: string[];
  /** Per requested framework (`--framework`): each control passed, failed or not evaluated, and the score. */
  compliance?: FrameworkCompliance[];
  /** `--include-analyses` (and every upload): who can do what that matters (docs/findings-json.md, "Analysis sections"). */
  rbac?: RbacSection;
  /** `--include-analyses` (and every upload): who can reach each workload, and its exposure to the internet. */
  netpol?: NetpolSection;
  /** With `--images` as well: each workload's image vulnerabilities (the object view). */
  images?: ImagesSection;
}

export interface RenderOptions {
  /** ANSI colour (table only); the CLI decides from the TTY and NO_COLOR/FORCE_COLOR. */
  color?: boolean;
}

export type Renderer = (report: Report, opts?: RenderOptions) => string;

export function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
