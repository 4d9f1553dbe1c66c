/**
 * One of the two servers bench/admission.bench.ts measures, in its own process (so the client does not share its
 * event loop): `kubeward` (startAdmissionServer with the default policy) or `empty` (HTTPS on the same certificate
 * that reads the body and answers a fixed allow). Prints "ready PORT" on stdout, stops on SIGTERM.
 *
 *   node --import tsx bench/admission-server.ts kubeward|empty CERT KEY
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { startAdmissionServer } from '../src/admission/server.js';
import { createAdmissionReviewer } from '../src/engine/admission-review.js';

const [mode, certFile, keyFile] = process.argv.slice(2) as [string, string, string];
if (mode === 'kubeward') {
  const server = await startAdmissionServer({ host: '127.0.0.1', port: 0, certFile, keyFile, reviewer: createAdmissionReviewer(), onAudit: () => undefined });
  console.log(`ready ${server.port}`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  const allow = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: '', allowed: true } });
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' }, (req, res) => {
    req.on('data', () => undefined).on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(allow) });
      res.end(allow);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    console.log(`ready ${typeof a === 'object' && a ? a.port : 0}`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
