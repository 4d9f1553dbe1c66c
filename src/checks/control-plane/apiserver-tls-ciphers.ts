import { defineCheck, type Issue } from '../define.js';
import { STRONG_CIPHERS, WEAK_TLS_VERSIONS } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-tls-ciphers',
  title: 'API server allows TLS below 1.2 or weak cipher suites',
  severity: 'medium',
  category: 'control-plane',
  description:
    '`--tls-min-version` VersionTLS10 or VersionTLS11, or a `--tls-cipher-suites` list with suites outside the strong set (RSA key exchange, 3DES, RC4, CBC with SHA-256), lets a client or a machine in the middle negotiate a connection that can be downgraded or broken. Left unset, the Go defaults are used (TLS 1.2 and strong suites).',
  remediation: 'Set `--tls-min-version=VersionTLS12` (or 13) and, when `--tls-cipher-suites` is given, only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (and the TLS 1.3 suites).',
  frameworks: { cis: ['1.2.29'], nsa: ['network/encryption'], mitre: ['T1557'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => {
    const flags = ctx.component.flags;
    const out: Issue[] = [];
    const min = flags.last('tls-min-version');
    if (min && WEAK_TLS_VERSIONS.has(min.value)) out.push(ctx.at(ctx.component.argPath(min.index), `TLS ${min.value.replace('VersionTLS1', '1.')} is accepted`, { found: min.value, expected: 'VersionTLS12 or VersionTLS13' }));
    const weak = flags.list('tls-cipher-suites').filter((c) => !STRONG_CIPHERS.has(c.item));
    if (weak.length) out.push(ctx.at(ctx.component.argPath(weak[0]!.index), `weak cipher suites allowed: ${weak.map((c) => c.item).join(', ')}`, { found: weak.map((c) => c.item).join(','), expected: 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305, TLS 1.3 suites)' }));
    return out;
  },
  examples: {
    fail: [
      staticPod('kube-apiserver', [...HARDENED_APISERVER.filter((f) => !f.startsWith('--tls-min-version')), '--tls-min-version=VersionTLS10']),
      staticPod('kube-apiserver', [...HARDENED_APISERVER, '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA']),
    ],
    pass: [
      staticPod('kube-apiserver', HARDENED_APISERVER),
      staticPod('kube-apiserver', [...HARDENED_APISERVER, '--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384']),
    ],
  },
});
