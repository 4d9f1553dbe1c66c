/** The JSON document of `kubeward netpol explain -o json` (docs/schemas/NetpolExplain.schema.json). */
import type { Verdict } from '../model/netpol-verdict.js';
import { jsonDocument } from './json-document.js';

/** The verdict between two named ends, both directions with their deciding tier, policies and rules. */
export function renderNetpolExplainJson(v: Verdict, src: string, dst: string): string {
  return jsonDocument('NetpolExplain', { allowed: v.allowed, src, dst, protocol: v.protocol, port: v.port, egress: v.egress, ingress: v.ingress });
}
