import { Option, type Command } from 'commander';
import { envName, type OptionDecl } from './options.js';

/** A declared option as a commander flag, with its environment variable and config key in the help. */
export function addOption(cmd: Command, o: OptionDecl): void {
  const short = o.short ? `-${o.short}, ` : '';
  const help = `${o.help} [env ${envName(o)}${o.noConfig ? '' : `, config ${o.key}`}]`;
  let opt: Option;
  if (o.type === 'boolean') opt = new Option(o.default === true ? `--no-${o.flag}` : `--${o.flag}`, help);
  else if (o.type === 'string[]') opt = new Option(`${short}--${o.flag} <value>`, help).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  else opt = new Option(`${short}--${o.flag} <value>`, help);
  cmd.addOption(opt);
}
