import { configKey, envName, OPTION_GROUPS, OPTIONS, type OptionDecl } from './options.js';

function flagText(o: OptionDecl): string {
  const short = o.short ? `-${o.short}, ` : '';
  if (o.type === 'boolean') return o.default === true ? `--no-${o.flag}` : `${short}--${o.flag}`;
  return `${short}--${o.flag} ${o.valueName ?? 'value'}`;
}

function defaultText(o: OptionDecl): string {
  if (o.default === undefined) return '';
  return Array.isArray(o.default) ? o.default.join(',') : String(o.default);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/options.md: every declared option, grouped, with its flag, environment variable, config key and values. */
export function optionsMarkdown(): string {
  const lines = [
    '# Options',
    '',
    '<!-- generated from src/engine/options.ts by `npm run gen:checks`; do not edit -->',
    '',
    'Every option is declared once (src/engine/options.ts). A global option is a command-line flag, an environment',
    'variable and a `.kubeward.yaml` key that mean the same thing in every command that takes it; precedence is',
    'flag, then environment, then configuration file, then default. Boolean environment values must be one of',
    '`1/0`, `true/false`, `yes/no`, `on/off`; list values are comma-separated. Options marked *command* are flags of',
    'the commands that list them and have no environment variable or config key.',
    '',
  ];
  for (const group of OPTION_GROUPS) {
    const opts = Object.values(OPTIONS as Record<string, OptionDecl>).filter((o) => o.group === group);
    if (!opts.length) continue;
    lines.push(`## ${group}`, '', '| flag | env | config key | values | default | what |', '|---|---|---|---|---|---|');
    const seen = new Set<string>();
    for (const o of opts) {
      const row = `| \`${cell(flagText(o))}\` | ${envName(o) ? `\`${envName(o)}\`` : '*command*'} | ${configKey(o) ? `\`${configKey(o)}\`` : ''} | ${o.choices ? cell(o.choices.join(', ')) : o.type === 'severity' ? 'critical, high, medium, low, info' : o.type} | ${cell(defaultText(o))} | ${cell(o.help)} |`;
      if (!seen.has(row)) lines.push(row);
      seen.add(row);
    }
    lines.push('');
  }
  return lines.join('\n');
}
