// Regenerates README.md's audit rules table (between the audit-rules markers) from the rules' metadata
// (src/audit/rules/<id>.ts). Run: node --import tsx scripts/gen-audit-rules.ts
// (test/audit/rule-examples.test.ts fails when the table is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AUDIT_RULES } from '../src/audit/index.js';

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- audit-rules:start -->';
const END = '<!-- audit-rules:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table: one row per rule, in the order the engine runs them. */
export function auditRulesTable(): string {
  return [
    '| rule | severity | MITRE ATT&CK | what it detects |',
    '|---|---|---|---|',
    ...AUDIT_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.mitre.join(', ')} | ${cell(r.title)}${r.falco?.length ? ` (Falco: ${cell(r.falco.join(', '))})` : ''} |`),
  ].join('\n');
}

/** README text with the table between the markers replaced. Pure. */
export function renderReadme(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a === -1 || b < a) throw new Error(`README.md has no ${START} … ${END} block`);
  return `${readme.slice(0, a + START.length)}\n${auditRulesTable()}\n${readme.slice(b)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(README_PATH, renderReadme(readFileSync(README_PATH, 'utf8')));
}
