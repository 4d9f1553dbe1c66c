import { scan } from '/work/wt/noise-a/src/engine/scan.js';
const chart = process.argv[2]!;
const r = await scan({ paths: [`/work/wt/noise-a/test/fixtures/charts/${chart}/rendered.yaml`], now: new Date(0), profile: 'all', includeHelmTests: true });
const def = await scan({ paths: [`/work/wt/noise-a/test/fixtures/charts/${chart}/rendered.yaml`], now: new Date(0) });
const shown = new Set(def.findings.map((f) => f.fingerprint));
for (const f of [...r.findings].sort((a, b) => a.checkId.localeCompare(b.checkId))) {
  console.log([shown.has(f.fingerprint) ? 'D' : '-', f.checkId, f.severity, f.object ? `${f.object.kind}/${f.object.name}` : '', f.path.replace('/spec/template/spec/', '…/'), f.message.slice(0, 170)].join(' | '));
}
