import type { FrameworkRefs } from '../model/finding.js';
import { CIS_CONTROLS, CIS_NEEDS, CIS_VERSION } from './cis.js';
import { MITRE_NEEDS, MITRE_TECHNIQUES } from './mitre.js';
import type { Need } from './needs.js';
import { NSA_NEEDS, NSA_SECTIONS, NSA_VERSION } from './nsa.js';
import { OWASP_K8S_TOP10, OWASP_NEEDS } from './owasp.js';
import { PSS_CONTROL_INFO, PSS_LATEST_MINOR, type PssLevel } from './pss.js';

/** The frameworks `kubeward scan --framework` reports on, with their controls. */
export const FRAMEWORK_IDS = ['cis', 'nsa', 'pss-baseline', 'pss-restricted', 'mitre', 'owasp'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export interface FrameworkControl {
  id: string;
  title: string;
  needs: Need;
}

export interface Framework {
  id: FrameworkId;
  title: string;
  version: string;
  controls: FrameworkControl[];
  /** The controls of this framework a check's references name. */
  controlsOf(refs: FrameworkRefs): string[];
}

function fromTable(table: Readonly<Record<string, string>>, needs: Readonly<Record<string, Need>>): FrameworkControl[] {
  return Object.entries(table).map(([id, title]) => ({ id, title, needs: needs[id] ?? 'cluster' }));
}

function pssFramework(level: PssLevel): Framework {
  const controls = Object.entries(PSS_CONTROL_INFO)
    .filter(([, info]) => level === 'restricted' || info.level === 'baseline')
    .map(([id, info]) => ({ id, title: `${info.level} / ${id} (from policy v1.${info.since})`, needs: info.needs }));
  const ids = new Set(controls.map((c) => c.id));
  return {
    id: level === 'baseline' ? 'pss-baseline' : 'pss-restricted',
    title: `Pod Security Standards: ${level}`,
    version: `policy v1.0 … v1.${PSS_LATEST_MINOR}, as --pss selects`,
    controls,
    controlsOf: (r) => (r.pss && ids.has(r.pss.control) ? [r.pss.control] : []),
  };
}

export const FRAMEWORKS: readonly Framework[] = [
  { id: 'cis', title: 'CIS Kubernetes Benchmark', version: CIS_VERSION, controls: fromTable(CIS_CONTROLS, CIS_NEEDS), controlsOf: (r) => r.cis ?? [] },
  { id: 'nsa', title: 'NSA-CISA Kubernetes Hardening Guide', version: NSA_VERSION, controls: fromTable(NSA_SECTIONS, NSA_NEEDS), controlsOf: (r) => r.nsa ?? [] },
  pssFramework('baseline'),
  pssFramework('restricted'),
  { id: 'mitre', title: 'MITRE ATT&CK for Containers', version: 'ATT&CK v15+', controls: fromTable(MITRE_TECHNIQUES, MITRE_NEEDS), controlsOf: (r) => r.mitre ?? [] },
  { id: 'owasp', title: 'OWASP Kubernetes Top 10', version: '2022', controls: fromTable(OWASP_K8S_TOP10, OWASP_NEEDS), controlsOf: (r) => r.owasp ?? [] },
];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id.toLowerCase());
}
