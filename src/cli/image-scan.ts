import type { Command } from 'commander';
import { loadConfig, readRequestFile } from '../engine/config.js';
import { scanImageRequest, type ImageRequest } from '../engine/image-scan.js';
import type { Profile } from '../engine/request.js';
import { packageVersion } from '../engine/version.js';
import { renderImageScanJson, renderImageScanText } from '../report/image-scan-text.js';
import { renderImageVex } from '../report/image-vex.js';
import { renderVulnJson, renderVulnTable } from '../report/vulns.js';
import { imageGate, unknownNotCounted } from '../engine/gate.js';
import { useColor, UsageError, type Ctx } from './io.js';
import { IMAGE_SCAN_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { pathResolver } from './scan.js';
import { checkOutputFile, writeOut } from './write-outputs.js';

/**
 * `kubeward image scan IMAGE | --sbom FILE`: metadata, packages (counts; the full list in JSON), image config
 * findings, and the packages' vulnerabilities when an advisory database is there.
 */
export async function runImageScan(ref: string | undefined, cmd: Command, ctx: Ctx): Promise<number> {
  const explicit = cmd.getOptionValueSource('config') === 'cli' ? (cmd.opts().config as string) : ctx.io.env.KUBEWARD_CONFIG || undefined;
  const { config, dir, warnings: configWarnings } = await loadConfig(explicit, undefined);
  for (const w of configWarnings) ctx.warn(w);
  const { values: o, sources } = optionValues(cmd, IMAGE_SCAN_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const format = o.imageFormat;
  // An archive or layout being scanned, or the SBOM read, is never overwritten by --output.
  checkOutputFile(o.outputFile, [...(o.sbomInput ? [o.sbomInput] : []), ...(ref ? [ref.replace(/^(oci-layout|oci|docker-archive|oci-archive):/, '').replace(/:[^/:]*$/, '')] : [])]);
  if (format === 'cyclonedx-vex' && ref === undefined) throw new UsageError('-o cyclonedx-vex needs an image (not --sbom)');
  const request: ImageRequest = {
    ...(ref !== undefined ? { image: ref } : {}),
    ...(o.sbomInput !== undefined ? { sbom: o.sbomInput } : {}),
    read: {
      ...(o.platform ? { platform: o.platform } : {}),
      ...(o.insecure ? { insecure: true } : {}),
      ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}),
      ...(o.maxFileSize ? { maxFileSize: o.maxFileSize } : {}),
      ...(o.maxLayerSize ? { maxLayerSize: o.maxLayerSize } : {}),
      ...(o.db ? { db: at('db', o.db), dbExplicit: true } : {}),
    },
    ...(o.checks ? { checks: o.checks } : {}),
    profile: o.profile as Profile,
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(at('exceptionsFile', o.exceptionsFile), 'exceptions file') } : {}),
  };
  const outcome = await scanImageRequest(request);
  const { result, vulns } = outcome;
  const color = !o.outputFile && useColor(o.color, ctx.io);
  let text: string;
  if (!result) {
    if ('skipped' in vulns) throw new UsageError(vulns.skipped);
    text = format === 'json' ? renderVulnJson(vulns) : renderVulnTable(vulns, { color });
    if (format === 'json') for (const w of outcome.warnings) ctx.warn(w);
  } else if (format === 'cyclonedx-vex') {
    if ('skipped' in vulns) throw new UsageError(`-o cyclonedx-vex needs the advisory database: ${vulns.skipped}`);
    text = renderImageVex(result, vulns.matches, packageVersion());
  } else if (format === 'json') {
    const doc = JSON.parse(renderImageScanJson(result, { name: 'kubeward', version: packageVersion() })) as Record<string, unknown>;
    if ('skipped' in vulns) doc.vulnerabilities = { checked: false, reason: vulns.skipped };
    else {
      const v = JSON.parse(renderVulnJson(vulns)) as Record<string, unknown>;
      doc.vulnerabilities = { checked: true, database: v.database, summary: v.summary, matches: v.vulnerabilities, warnings: v.warnings };
    }
    text = JSON.stringify(doc, null, 2);
  } else {
    text = renderImageScanText(result, { color }) + '\n' + ('skipped' in vulns ? `Vulnerabilities: not checked: ${vulns.skipped}\n` : `Vulnerabilities\n${renderVulnTable(vulns, { color })}`);
  }
  await writeOut(text.endsWith('\n') ? text : text + '\n', o.outputFile, ctx.io.stdout);
  if (result && (format !== 'table' || o.outputFile)) for (const w of outcome.warnings) ctx.note(w);
  const matches = 'skipped' in vulns ? undefined : vulns.matches;
  const unknown = matches ? unknownNotCounted(matches, o.failOn, o.failOnUnknown) : 0;
  if (unknown > 0)
    ctx.note(`${unknown} ${unknown === 1 ? 'vulnerability has' : 'vulnerabilities have'} an unknown severity (no advisory rates it) and ${unknown === 1 ? 'does' : 'do'} not count for --fail-on ${o.failOn}; add --fail-on-unknown to fail on ${unknown === 1 ? 'it' : 'them'}`);
  return imageGate(outcome.findings, matches, o.failOn, o.failOnUnknown);
}
