import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderCycloneDx } from '../../src/report/sbom-cyclonedx.js';
import type { SbomInput } from '../../src/report/sbom-input.js';
import { sbomTimestamp } from '../../src/report/sbom-input.js';
import { renderSpdx } from '../../src/report/sbom-spdx.js';
import { scanImage, type ImageScanResult } from '../../src/engine/scan-image.js';

const OCI = fileURLToPath(new URL('../fixtures/oci/', import.meta.url));
const SPDX_SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/spdx/spdx-2.3-document.schema.json', import.meta.url), 'utf8')) as object;

function input(r: ImageScanResult, created = new Date('2019-05-09T00:00:00Z')): SbomInput {
  const i: SbomInput = { tool: { name: 'kubeward', version: '0.1.0' }, image: r.image, packages: r.packages, created };
  if (r.distro) i.distro = r.distro;
  return i;
}

describe('SBOM output', () => {
  let v1: ImageScanResult;
  let v2: ImageScanResult;
  before(async () => {
    v1 = await scanImage(`oci-layout:${OCI}layout:v1`);
    v2 = await scanImage(`oci-archive:${OCI}alpine-dpkg-v2-oci.tar`);
  });

  it('CycloneDX 1.6 passes the library\'s strict JSON validator and lists every package once with its purl', async () => {
    for (const r of [v1, v2]) {
      const json = renderCycloneDx(input(r));
      const err = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json);
      assert.equal(err, null, JSON.stringify(err));
      const bom = JSON.parse(json) as { specVersion: string; components: { type: string; purl?: string; 'bom-ref': string; properties?: { name: string; value: string }[] }[]; metadata: { component: { type: string }; timestamp: string }; dependencies: { ref: string; dependsOn?: string[] }[] };
      assert.equal(bom.specVersion, '1.6');
      assert.equal(bom.metadata.component.type, 'container');
      assert.equal(bom.metadata.timestamp, '2019-05-09T00:00:00.000Z');
      const libs = bom.components.filter((c) => c.type === 'library');
      assert.equal(libs.length, r.packages.length);
      assert.deepEqual(libs.map((c) => c.purl).sort(), r.packages.map((p) => p.purl).sort());
      assert.equal(new Set(bom.components.map((c) => c['bom-ref'])).size, bom.components.length);
      assert.equal(bom.components.filter((c) => c.type === 'operating-system').length, 1);
      const sq = libs.find((c) => c.purl?.startsWith('pkg:apk/alpine/sqlite-libs@'))!;
      assert.ok(sq.properties!.some((p) => p.name === 'kubeward:package:layer' && p.value.startsWith('sha256:')));
      assert.equal(bom.dependencies.find((d) => d.ref.startsWith('image:'))!.dependsOn!.length, bom.components.length);
    }
  });

  it('SPDX 2.3 validates against the SPDX 2.3 document schema and its references are consistent', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(SPDX_SCHEMA);
    for (const r of [v1, v2]) {
      const doc = JSON.parse(renderSpdx(input(r))) as { packages: { SPDXID: string; externalRefs?: { referenceLocator: string }[] }[]; relationships: { spdxElementId: string; relatedSpdxElement: string; relationshipType: string }[]; creationInfo: { created: string } };
      assert.ok(validate(doc), ajv.errorsText(validate.errors));
      const ids = new Set(doc.packages.map((p) => p.SPDXID));
      assert.equal(ids.size, doc.packages.length, 'SPDXIDs are unique');
      for (const rel of doc.relationships) {
        assert.ok(rel.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(rel.spdxElementId));
        assert.ok(ids.has(rel.relatedSpdxElement));
      }
      assert.equal(doc.relationships.filter((x) => x.relationshipType === 'DESCRIBES').length, 1);
      assert.equal(doc.packages.length, r.packages.length + 2, 'image + OS + packages');
      assert.equal(doc.creationInfo.created, '2019-05-09T00:00:00Z');
      assert.deepEqual(doc.packages.flatMap((p) => p.externalRefs?.map((e) => e.referenceLocator) ?? []).sort(), r.packages.map((p) => p.purl).sort());
    }
    assert.ok(!validate({ spdxVersion: 'SPDX-2.2' }), 'the schema rejects what is not SPDX 2.3');
  });

  it('is deterministic: same image → same bytes (package order does not matter), timestamp from SOURCE_DATE_EPOCH', () => {
    const a = input(v1);
    const b = { ...a, packages: [...a.packages].reverse() };
    assert.equal(renderCycloneDx(a), renderCycloneDx(b));
    assert.equal(renderSpdx(a), renderSpdx(b));
    assert.notEqual(renderSpdx(a), renderSpdx(input(v2)));
    assert.equal(sbomTimestamp({ SOURCE_DATE_EPOCH: '1557360000' }).toISOString(), '2019-05-09T00:00:00.000Z');
    const now = new Date('2030-01-01T00:00:00Z');
    assert.equal(sbomTimestamp({ SOURCE_DATE_EPOCH: 'soon' }, now), now);
  });
});
