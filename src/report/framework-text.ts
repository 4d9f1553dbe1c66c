import type { FrameworkRefs } from '../model/finding.js';

/** Human-readable framework references, e.g. ["CIS 5.2.2", "PSS baseline: privileged", "MITRE ATT&CK T1611"]. */
export function frameworkRefs(f: FrameworkRefs): string[] {
  const out: string[] = [];
  for (const id of f.cis ?? []) out.push(`CIS ${id}`);
  for (const id of f.nsa ?? []) out.push(`NSA-CISA ${id}`);
  if (f.pss) out.push(`PSS ${f.pss.level}: ${f.pss.control}`);
  for (const id of f.mitre ?? []) out.push(`MITRE ATT&CK ${id}`);
  for (const id of f.owasp ?? []) out.push(`OWASP K8s ${id}`);
  return out;
}

/** Machine-friendly tags for the same references, e.g. ["CIS-5.2.2", "PSS-baseline", "MITRE-T1611"]. */
export function frameworkTags(f: FrameworkRefs): string[] {
  const out: string[] = [];
  for (const id of f.cis ?? []) out.push(`CIS-${id}`);
  for (const id of f.nsa ?? []) out.push(`NSA-${id}`);
  if (f.pss) out.push(`PSS-${f.pss.level}`);
  for (const id of f.mitre ?? []) out.push(`MITRE-${id}`);
  for (const id of f.owasp ?? []) out.push(`OWASP-${id}`);
  return out;
}
