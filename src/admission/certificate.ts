import selfsigned from 'selfsigned';

export interface CertificatePair {
  /** PEM certificate: the serving certificate and, in the webhook configuration's caBundle, its own trust anchor. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

/**
 * A self-signed serving certificate (ECDSA P-256, SHA-256) for the webhook's Service names or test addresses.
 * The API server trusts it through the caBundle, which holds this certificate itself.
 */
export async function selfSignedCertificate(o: { dnsNames?: string[]; ips?: string[]; days?: number }): Promise<CertificatePair> {
  const dns = o.dnsNames ?? [];
  const ips = o.ips ?? [];
  const cn = dns[0] ?? ips[0] ?? 'kubeward-admission';
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + (o.days ?? 3650) * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
