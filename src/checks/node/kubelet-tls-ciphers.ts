import { defineCheck } from '../define.js';
import { STRONG_CIPHERS } from '../shared/component-flags.js';
import { HARDENED_KUBELET, kubeletConfig, kubeletProcess, kubeletSetting, settingIssue } from '../shared/kubelet-setting.js';
import { asArray } from '../../model/object.js';

export default defineCheck({
  id: 'kubelet-tls-ciphers',
  title: 'Kubelet allows weak TLS cipher suites',
  severity: 'medium',
  category: 'node',
  description: 'A `tlsCipherSuites` list with suites outside the strong set (RSA key exchange, 3DES, RC4, CBC with SHA-256) lets a client negotiate a connection to the kubelet API that can be broken. Left unset, the Go defaults are used.',
  remediation: 'List only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in `tlsCipherSuites` (or `--tls-cipher-suites`), or leave it unset.',
  frameworks: { cis: ['4.2.12'], nsa: ['network/encryption'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => {
    const s = kubeletSetting(ctx, { flag: 'tls-cipher-suites', field: ['tlsCipherSuites'], defaults: { config: [], flags: [] } });
    if (!s) return [];
    const suites = s.from === 'flag' ? ctx.component.flags.list('tls-cipher-suites').map((c) => c.item) : asArray(s.value).map((x) => String(x));
    const weak = suites.filter((c) => !STRONG_CIPHERS.has(c));
    return weak.length ? [settingIssue(ctx, s, `weak cipher suites allowed: ${weak.join(', ')}`, { found: weak.join(','), expected: 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305)' })] : [];
  },
  examples: {
    fail: [kubeletConfig('tlsCipherSuites:\n  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n  - TLS_RSA_WITH_AES_128_CBC_SHA256\n'), kubeletProcess(['--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA'])],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('readOnlyPort: 0\n')],
  },
});
