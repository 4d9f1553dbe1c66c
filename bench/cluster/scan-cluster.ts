/**
 * One measured run against a served cluster, in its own process so its peak RSS is its own:
 *   node --import tsx bench/cluster/scan-cluster.ts <kubeconfig> fetch|collect|scan|files [list.json]
 * fetch   = every list page downloaded and JSON.parse'd, nothing kept (the floor any client pays);
 * collect = kubeward's collection into the inventory (discovery, pages, kept objects);
 * scan    = collection + every check + policy + the Report value (what `kubeward scan --cluster` does);
 * files   = the same objects scanned from one JSON List file (`kubeward scan list.json`), written by `fetch`.
 * Prints one JSON line: {mode, ms, cpuMs, maxRssMb, objects, findings}.
 */
import { request } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadInventory } from '../../src/engine/load-inventory.js';
import { scan } from '../../src/engine/scan.js';

const [kubeconfig, mode, listFile] = process.argv.slice(2) as [string, 'fetch' | 'collect' | 'scan' | 'files', string | undefined];

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

async function fetchOnly(): Promise<number> {
  const server = /server: "?([^"\s]+)"?/.exec(readFileSync(kubeconfig, 'utf8'))![1]!;
  let objects = 0;
  const kept: unknown[] = [];
  for (const path of ['/api/v1/namespaces', '/api/v1/services', '/api/v1/configmaps', '/apis/apps/v1/deployments']) {
    let cont = '';
    do {
      const page = JSON.parse(await get(`${server}${path}?limit=500${cont ? `&continue=${cont}` : ''}`)) as { items: unknown[]; metadata: { continue?: string } };
      objects += page.items.length;
      if (listFile) kept.push(...page.items);
      cont = page.metadata.continue ?? '';
    } while (cont);
  }
  if (listFile) writeFileSync(listFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: kept }));
  return objects;
}

const t0 = performance.now();
const c0 = process.cpuUsage();
let objects = 0;
let findings = 0;
if (mode === 'fetch') objects = await fetchOnly();
else if (mode === 'collect') objects = (await loadInventory({ paths: [], cluster: { kubeconfig } })).inventory.objects.length;
else {
  const report = await scan(mode === 'files' ? { paths: [listFile!] } : { paths: [], cluster: { kubeconfig } });
  objects = report.summary.objects;
  findings = report.findings.length;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ mode, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), objects, findings }));
