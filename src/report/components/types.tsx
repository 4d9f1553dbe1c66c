import type { ComponentType, ReactNode } from 'react';
import type { Severity } from '../../model/finding.js';

/**
 * What the shared components show of one finding: the fields both faces have. The HTML report builds it from a
 * report Finding (`findingView` in ../finding-view.ts), the dashboard from the server's finding item. Every string
 * here is user-controlled data and is rendered as React text (escaped), never as markup.
 */
export interface FindingView {
  severity: Severity;
  checkId: string;
  title?: string;
  message: string;
  /** 1-based; 0 or absent when the finding has no line. */
  line?: number;
  column?: number;
  /** JSON pointer of the offending field. */
  path?: string;
  /** Already redacted by the scanner (and again by the server). */
  evidence?: { found?: unknown; expected?: unknown } | null;
  /** How to fix it (the check's remediation). */
  fix?: string | null;
}

/** One framework control as both faces have it. */
export interface ControlView {
  id: string;
  name: string;
  status: 'passed' | 'failed' | 'not-evaluated';
}

/**
 * How a component makes a link: a plain `<a>` (the HTML report) or the dashboard's in-page router Link. Only
 * href, class and children are passed.
 */
export type LinkComponent = ComponentType<{ href: string; className?: string; children?: ReactNode }>;

export const PlainLink: LinkComponent = ({ href, className, children }) => (
  <a href={href} className={className}>
    {children}
  </a>
);
