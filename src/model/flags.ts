/**
 * Command-line flags of a Kubernetes component (kube-apiserver, kubelet, etcd …) as its flag library (pflag)
 * reads them: `--name=value`, `--name value`, a bare boolean `--name`, repeated flags, comma lists. Each value
 * keeps the index of the argument that holds it, so a finding can point at that argument.
 */

export interface FlagValue {
  value: string;
  /** Index in argv of the argument holding the value (the `--name=value` word, or the value word). */
  index: number;
}

export class Flags {
  private readonly byName = new Map<string, FlagValue[]>();

  constructor(readonly argv: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const word = argv[i]!;
      if (word === '--') break;
      const m = /^--?([A-Za-z0-9][A-Za-z0-9._-]*)(=(.*))?$/s.exec(word);
      if (!m) continue;
      const name = m[1]!;
      let value: string;
      let index = i;
      if (m[2] !== undefined) value = m[3]!;
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) {
        // `--name value`: components take no positional arguments, so the next word is the value.
        value = argv[++i]!;
        index = i;
      } else value = 'true';
      let list = this.byName.get(name);
      if (!list) this.byName.set(name, (list = []));
      list.push({ value, index });
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The value that wins for a scalar flag: the last one given. */
  last(name: string): FlagValue | undefined {
    const list = this.byName.get(name);
    return list ? list[list.length - 1] : undefined;
  }

  /** A list flag (admission plugins, authorization modes, feature gates): every occurrence's comma items, trimmed. */
  list(name: string): { item: string; index: number }[] {
    const out: { item: string; index: number }[] = [];
    for (const v of this.byName.get(name) ?? []) {
      for (const item of v.value.split(',')) if (item.trim() !== '') out.push({ item: item.trim(), index: v.index });
    }
    return out;
  }

  /** A boolean flag: true/false as pflag parses it (1, t, T, TRUE, true, True …), undefined when unset or unreadable. */
  bool(name: string): boolean | undefined {
    const v = this.last(name);
    if (!v) return undefined;
    if (/^(1|t|true)$/i.test(v.value)) return true;
    if (/^(0|f|false)$/i.test(v.value)) return false;
    return undefined;
  }

  /** `--feature-gates=A=true,B=false`: the named gate's value, when given. */
  featureGate(gate: string): { value: boolean; index: number } | undefined {
    let found: { value: boolean; index: number } | undefined;
    for (const { item, index } of this.list('feature-gates')) {
      const [k, v] = item.split('=');
      if (k?.trim() === gate && v !== undefined) found = { value: /^(1|t|true)$/i.test(v.trim()), index };
    }
    return found;
  }
}
