/** The compliance of a scan with a framework, per control: the shape reports render (src/checks/compliance.ts computes it). */
import type { FrameworkId } from './catalog.js';
import type { Need } from './needs.js';

export type ControlStatus = 'passed' | 'failed' | 'not-evaluated';

export interface ControlCompliance {
  id: string;
  title: string;
  needs: Need;
  /** The checks that judge it and ran. */
  checks: string[];
  status: ControlStatus;
  /** Why a control was not evaluated. */
  reason?: string;
  /** Objects the control's checks judged (an inventory-wide check counts the input as one). */
  resources: number;
  passedResources: number;
}

export interface FrameworkCompliance {
  framework: FrameworkId;
  title: string;
  version: string;
  /** Mean over evaluated controls of passed resources ÷ resources, 0…1; null when nothing was evaluated. */
  score: number | null;
  passed: number;
  failed: number;
  notEvaluated: number;
  controls: ControlCompliance[];
}
