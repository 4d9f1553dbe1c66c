import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanImage } from '../../../src/engine/scan-image.js';
import { makeTar, writeLayout } from './build-layout.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/pkgdb/${p}`, import.meta.url));

let root: string;
before(() => (root = mkdtempSync(join(tmpdir(), 'kw-all-'))));
after(() => rmSync(root, { recursive: true, force: true }));

describe('every analyzer inside an image', () => {
  it('finds each package type where images keep it, with purls and layers', async () => {
    const os = await makeTar([
      { name: 'etc/os-release', content: 'ID=rocky\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3"\n' },
      { name: 'var/lib/rpm/rpmdb.sqlite', content: fx('rpm/rpmdb.sqlite') },
    ]);
    const app = await makeTar([
      { name: 'srv/app/node_modules/@babel/core/package.json', content: '{"name":"@babel/core","version":"7.24.0","license":"MIT"}' },
      { name: 'srv/app/package-lock.json', content: fx('npm/package-lock_v3_with_workspace.json') },
      { name: 'usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA', content: fx('python/PyYAML-6.0.dist-info.METADATA') },
      { name: 'srv/py/poetry.lock', content: fx('python/integration-poetry.lock') },
      { name: 'opt/lib/commons-cli.jar', content: fx('java/commons-cli-1.5.0.jar') },
      { name: 'usr/local/bin/umoci', content: Buffer.concat([Buffer.alloc(4096), fx('go/umoci-debian12.buildinfo.bin')]), mode: 0o755 },
      { name: 'usr/local/share/not-exec.bin', content: Buffer.concat([Buffer.alloc(4096), fx('go/umoci-debian12.buildinfo.bin')]), mode: 0o644 },
    ]);
    const r = await scanImage(writeLayout(join(root, 'img'), [{ tar: os }, { tar: app }]));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.distro, { id: 'rocky', versionId: '9.3', prettyName: 'Rocky Linux 9.3' });
    const byType = (t: string) => r.packages.filter((p) => p.type === t);
    assert.deepEqual(byType('rpm').map((p) => p.purl), ['pkg:rpm/rocky/foo@1.0-1?arch=noarch&distro=rocky-9.3', 'pkg:rpm/rocky/hlinktest@1.0-1?arch=noarch&distro=rocky-9.3']);
    assert.ok(byType('npm').some((p) => p.purl === 'pkg:npm/%40babel/core@7.24.0' && p.namespace === '@babel' && p.location.path === '/srv/app/node_modules/@babel/core/package.json'));
    assert.equal(byType('npm').filter((p) => p.location.path === '/srv/app/package-lock.json').length, 4);
    assert.ok(byType('pypi').some((p) => p.purl === 'pkg:pypi/pyyaml@6.0'));
    assert.equal(byType('pypi').filter((p) => p.location.path === '/srv/py/poetry.lock').length, 3);
    assert.deepEqual(byType('maven').map((p) => p.purl), ['pkg:maven/commons-cli/commons-cli@1.5.0']);
    assert.deepEqual(byType('golang').map((p) => [p.purl, p.location.path]), [['pkg:golang/stdlib@v1.19.8', '/usr/local/bin/umoci']], 'only executables are read as Go binaries');
    const layers = new Set(r.packages.map((p) => p.location.layer));
    assert.equal(layers.size, 2);
  });
});
