// `kubeward fix` on real manifests from the shared corpus (copied into test/fixtures/fix-corpus).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { diffArrays } from 'diff';
import { CHECKS } from '../../src/checks/index.js';
import { isFixable } from '../../src/checks/define.js';
import { fixFiles, type FixInputFile } from '../../src/fix/fix-files.js';
import { runChecks } from '../../src/engine/run-checks.js';

const ROOT = join(import.meta.dirname, '../fixtures/fix-corpus');

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'licenses' ? [] : manifests(p);
    return /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}

const FILES: FixInputFile[] = manifests(ROOT).sort().map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8'), json: p.endsWith('.json') }));

/** Findings the fixes leave on purpose, with why (see each check's `fix`). */
// ingress-nginx's controller, admission-create and admission-patch (automountServiceAccountToken: true) and calico's
// apiserver (the default) run as service accounts bound to RBAC they use: they call the API, so fix leaves the token
// (and says so).
// (The pod in kubernetes-goat's docker-bench-security sets runAsUser: 0, which is run-as-user-root's
// finding: not fixable, choosing a UID needs knowledge of the image.)
const DECLINED: Record<string, Record<string, number>> = {
  'calico/manifests/apiserver.yaml': { 'automount-service-account-token': 1 },
  'ingress-nginx/deploy/static/provider/cloud/deploy.yaml': { 'automount-service-account-token': 3 },
};

const lines = (t: string) => t.split('\n');

test('the fix corpus has ten files, with their licences', () => {
  assert.equal(FILES.length, 10);
  for (const f of FILES) assert.ok(statSync(join(ROOT, 'licenses', `${f.path.split('/')[0]}.LICENSE`)).isFile(), f.path);
});

test('fix on real manifests: the rescan is clean for the fixed checks, and a second fix changes nothing', () => {
  const results = fixFiles(FILES, { checks: CHECKS, runChecks });
  let fixedTotal = 0;
  for (const r of results) {
    const declined = DECLINED[r.path] ?? {};
    for (const f of r.fixed) {
      assert.ok(isFixable(CHECKS.find((c) => c.id === f.checkId)!), `${r.path}: ${f.checkId} is not fixable but was counted`);
      assert.equal(f.after, declined[f.checkId] ?? 0, `${r.path}: ${f.checkId} still fails ${f.after} time(s) after the fix`);
      fixedTotal += f.before - f.after;
    }
    const leftOnPurpose = r.skipped.filter((s) => /^automount-service-account-token: .* left as is: .* holds RBAC permissions/.test(s));
    assert.equal(leftOnPurpose.length, declined['automount-service-account-token'] ?? 0, `${r.path}: ${r.skipped.join('; ')}`);
    assert.deepEqual(r.skipped.filter((s) => !/^\d+:\d+: not fixed/.test(s) && !leftOnPurpose.includes(s)), [], `${r.path}: ${r.skipped.join('; ')}`);
  }
  assert.ok(results.filter((r) => r.changed).length >= 9, 'nearly every file needs a fix');
  assert.ok(fixedTotal > 100, `only ${fixedTotal} findings fixed`);
  const again = fixFiles(results.map((r, i) => ({ ...FILES[i]!, text: r.text })), { checks: CHECKS, runChecks });
  for (const [i, r] of again.entries()) {
    assert.equal(r.changed, false, `${r.path}: a second fix changed the file again`);
    assert.equal(r.text, results[i]!.text);
  }
});

test('fix keeps every untouched line byte for byte, in order, and every comment', () => {
  const results = fixFiles(FILES, { checks: CHECKS, runChecks });
  for (const [i, r] of results.entries()) {
    const before = lines(FILES[i]!.text);
    const after = lines(r.text);
    const allowed = new Set(r.lines);
    let line = 0;
    for (const part of diffArrays(before, after)) {
      if (part.added) continue;
      if (part.removed) {
        for (let k = 0; k < part.count!; k++) {
          const n = line + k + 1;
          // In JSON a new member after the last one puts a comma at the end of the line before it.
          if (FILES[i]!.json && after.includes(before[n - 1] + ',')) continue;
          assert.ok(allowed.has(n), `${r.path}:${n} changed but no fix touches it: ${JSON.stringify(before[n - 1])}`);
          assert.ok(!before[n - 1]!.trimStart().startsWith('#'), `${r.path}:${n}: a comment line was changed`);
        }
      }
      line += part.count!;
    }
    // Comments at the end of changed lines survive too.
    const comments = (t: string) => t.split('\n').map((l) => /\s#\s.*$/.exec(l)?.[0].trim()).filter(Boolean);
    assert.deepEqual(comments(r.text), comments(FILES[i]!.text), `${r.path}: comments differ`);
  }
});
