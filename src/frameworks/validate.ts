import type { FrameworkRefs } from '../model/finding.js';
import { CIS_CONTROLS } from './cis.js';
import { MITRE_TECHNIQUES } from './mitre.js';
import { NSA_SECTIONS } from './nsa.js';
import { OWASP_K8S_TOP10 } from './owasp.js';
import { isPssControl } from './pss.js';

/** Every framework reference that names nothing in the catalogs, as "framework:id" strings. */
export function unknownFrameworkRefs(refs: FrameworkRefs): string[] {
  const bad: string[] = [];
  const has = (table: Readonly<Record<string, string>>, id: string) => Object.prototype.hasOwnProperty.call(table, id);
  for (const id of refs.cis ?? []) if (!has(CIS_CONTROLS, id)) bad.push(`cis:${id}`);
  for (const id of refs.nsa ?? []) if (!has(NSA_SECTIONS, id)) bad.push(`nsa:${id}`);
  for (const id of refs.mitre ?? []) if (!has(MITRE_TECHNIQUES, id)) bad.push(`mitre:${id}`);
  for (const id of refs.owasp ?? []) if (!has(OWASP_K8S_TOP10, id)) bad.push(`owasp:${id}`);
  if (refs.pss && !isPssControl(refs.pss.level, refs.pss.control)) bad.push(`pss:${refs.pss.level}/${refs.pss.control}`);
  return bad;
}
