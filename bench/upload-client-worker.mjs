/**
 * The upload client of bench/server.bench.ts on a thread of its own, as an agent in another pod would be: it gets
 * the NDJSON body and the target, waits for a cluster name (once per upload), streams the body with `upload()` in 64 KiB pieces and reports
 * the answer. The server (and its parsing and COPY) keep the main thread to themselves.
 */
// Plain JavaScript: a worker thread does not inherit the parent's tsx loader, so the client is loaded with tsImport.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { upload } = await tsImport('../src/cli/upload.ts', import.meta.url);
const { body, server, token } = workerData;
const pieces = () => {
  const out = [];
  for (let i = 0; i < body.length; i += 65536) out.push(body.slice(i, i + 65536));
  return out;
};
// One upload per message `{ cluster }` (a new scan id each time), answered with its status.
parentPort.on('message', async ({ cluster }) => {
  try {
    const r = await upload('scans', pieces, { server, token, cluster }, { attempts: 1 });
    parentPort.postMessage({ status: r.status });
  } catch (err) {
    parentPort.postMessage({ error: err.message });
  }
});
parentPort.postMessage({ ready: true });
