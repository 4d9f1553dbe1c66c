import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readRequestFile } from '../engine/config.js';
import { EXPECTATIONS_FILE, policyTest } from '../engine/policy-test.js';
import { renderPolicyTestJson, renderPolicyTestTable } from '../report/policy-test.js';
import type { Ctx } from './io.js';
import { optionValues } from './options.js';

/** `kubeward policy test POLICIES RESOURCES [--expectations FILE] [-o table|json]`: exit 0 passed, 1 failed. */
export async function runPolicyTest(policies: string, resources: string, cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, ['expectations', 'policyTestFormat'], ctx.io.env);
  const found = o.expectations ?? [join(policies, EXPECTATIONS_FILE), join(resources, EXPECTATIONS_FILE)].find((p) => existsSync(p));
  const expectations = found ? await readRequestFile(found, 'expectations file') : undefined;
  const result = await policyTest({ policies, resources, ...(expectations ? { expectations } : {}) });
  ctx.out((o.policyTestFormat === 'json' ? renderPolicyTestJson(result) : renderPolicyTestTable(result)).replace(/\n$/, ''));
  return result.passed ? 0 : 1;
}
