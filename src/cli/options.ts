import { Option, type Command } from 'commander';
import { configKey, envName, OPTIONS, OptionError, resolveOptions, type OptionName, type Resolved, type ValueSource } from '../engine/options.js';
import { UsageError } from './io.js';

/** The attribute commander stores a flag under: "fail-on" → "failOn". */
export function attrName(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Declared options as commander flags, with their environment variable and config key in the help. */
export function addOptions(cmd: Command, names: readonly OptionName[]): Command {
  for (const name of names) {
    const o = OPTIONS[name];
    const env = envName(o);
    const key = configKey(o);
    const where = [env ? `env ${env}` : '', key ? `config ${key}` : ''].filter(Boolean).join(', ');
    const help = where ? `${o.help} [${where}]` : o.help;
    const short = 'short' in o && o.short ? `-${o.short}, ` : '';
    const value = 'valueName' in o && o.valueName ? o.valueName : 'value';
    let opt: Option;
    if (o.type === 'boolean') opt = new Option(o.default === true ? `--no-${o.flag}` : `${short}--${o.flag}`, help);
    else if (o.type === 'string[]') opt = new Option(`${short}--${o.flag} <${value}>`, help).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    else opt = new Option(`${short}--${o.flag} <${value}>`, help);
    cmd.addOption(opt);
  }
  return cmd;
}

/** The command line's values for the named options (only what was given on the command line). */
function givenFlags(cmd: Command, names: readonly OptionName[]): Partial<Record<OptionName, unknown>> {
  const opts = cmd.opts();
  const flags: Partial<Record<OptionName, unknown>> = {};
  for (const name of names) {
    const attr = attrName(OPTIONS[name].flag);
    if (cmd.getOptionValueSource(attr) === 'cli') flags[name] = opts[attr];
  }
  return flags;
}

/** Flags, environment and config file merged and validated (a bad value is a usage error naming where it came from). */
export function optionValues<N extends OptionName>(cmd: Command, names: readonly N[], env: NodeJS.ProcessEnv, config?: object): { values: Resolved<N>; sources: Record<N, ValueSource> } {
  try {
    return resolveOptions(names, { flags: givenFlags(cmd, names), env, config: config as Record<string, unknown> | undefined });
  } catch (err) {
    if (err instanceof OptionError) throw new UsageError(err.message);
    throw err;
  }
}
