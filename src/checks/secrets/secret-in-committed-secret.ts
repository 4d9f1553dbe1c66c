import { secretObjectHits } from '../../model/secrets/index.js';
import { defineCheck, type Issue } from '../define.js';
import { secretIssue } from '../shared/secret-issue.js';

export default defineCheck({
  id: 'secret-in-committed-secret',
  title: 'Secret object with real values in source',
  severity: 'high',
  category: 'secrets',
  description:
    'A `Secret` manifest with values in `data` (base64 is an encoding, not encryption) or `stringData` puts the ' +
    'credential in the repository and its history, readable by everyone with access to the source. Values are decoded and ' +
    'judged: empty, templated (`{{ }}`, `${VAR}`) and placeholder values (`changeme`, `<password>`, `xxxx`) are not ' +
    'findings, nor are public keys such as `ca.crt`, `tls.crt` or `username` unless they hold a known secret format. ' +
    'For a Helm chart the template is judged, not the rendered value: a value the template makes at render time ' +
    '(`randAlphaNum`, `lookup`, `genPrivateKey`, `genCA`, `derivePassword`, `uuidv4` ...) was never committed. ' +
    'The value is never reported, only the key and a masked hint.',
  remediation:
    'Keep Secret values out of source: generate them at deploy time, or commit an encrypted form (Sealed Secrets, SOPS) ' +
    'or a reference (External Secrets Operator, the Secrets Store CSI driver). Rotate every credential that was committed.',
  frameworks: { cis: ['5.4.2'], nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
  subject: 'object',
  kinds: ['Secret'],
  run: ({ object }) => {
    const byPointer = new Map<string, { key: string; hits: ReturnType<typeof secretObjectHits>[number]['hit'][] }>();
    for (const h of secretObjectHits(object.raw)) {
      const entry = byPointer.get(h.pointer) ?? { key: h.key, hits: [] };
      entry.hits.push(h.hit);
      byPointer.set(h.pointer, entry);
    }
    const out: Issue[] = [];
    for (const [pointer, { key, hits }] of byPointer) {
      // Made when the chart was rendered (randAlphaNum, lookup, genPrivateKey in the template): not in source.
      if (object.source.generated?.(object.source.pointerPrefix + pointer)) continue;
      const field = pointer.startsWith('/data/') ? 'data' : 'stringData';
      out.push(secretIssue(pointer, `Secret key "${key}" (${field})`, hits, 'no value in source: an encrypted or external secret', { known: 'high', generic: 'high' }));
    }
    return out;
  },
  vap: { unsupported: 'secret detection (known token formats, entropy, key names) has no exact CEL equivalent, and the message would repeat the value' },
  examples: {
    fail: [
      `apiVersion: v1
kind: Secret
metadata:
  name: shop-db
type: Opaque
data:
  username: c2hvcA==
  password: ZFZncEZETEl4Rm9aeHg=
`,
      { yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ci
type: Opaque
stringData:
  github-token: ghp_Dgcx2RIQdIRDBBftiAT12X1sno0w3rDAGPbp
  deploy-password: Wq7#xP2v!mL9
`, findings: 2 },
    ],
    pass: [
      `apiVersion: v1
kind: Secret
metadata:
  name: shop-db
type: Opaque
stringData:
  username: shop
  password: changeme
  api-token: "{{ .Values.apiToken }}"
  ca.crt: ""
data:
  empty: ""
`,
    ],
  },
});
