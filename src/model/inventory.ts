import { containersOf, type ContainerRef } from './containers.js';
import { effectiveNamespace } from './kinds.js';
import type { K8sObject } from './object.js';
import { podSpecsOf, type PodSpecRef } from './pod-specs.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** True when the labels satisfy the selector (Kubernetes semantics: an empty selector matches everything). */
export function matchesSelector(labels: Record<string, string>, sel: LabelSelector): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key]!)) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key]!)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/**
 * The typed, indexed model every analysis reads. Built once from the sources' objects; indexes
 * and the pod view are computed on first use.
 */
export class Inventory {
  readonly objects: readonly K8sObject[];
  private kindIndex?: Map<string, K8sObject[]>;
  private nsIndex?: Map<string, K8sObject[]>;
  private keyIndex?: Map<string, K8sObject>;
  private labelIndex?: Map<string, K8sObject[]>;
  private pods?: PodSpecRef[];
  private conts?: ContainerRef[];

  constructor(objects: readonly K8sObject[]) {
    this.objects = objects;
  }

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
  }

  private group(by: (o: K8sObject) => string | undefined): Map<string, K8sObject[]> {
    const m = new Map<string, K8sObject[]>();
    for (const o of this.objects) {
      const k = by(o);
      if (k === undefined) continue;
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(o);
    }
    return m;
  }

  byKind(kind: string): readonly K8sObject[] {
    this.kindIndex ??= this.group((o) => o.kind);
    return this.kindIndex.get(kind) ?? [];
  }

  /** Namespaced objects that land in `namespace` (objects without metadata.namespace land in "default"). */
  inNamespace(namespace: string): readonly K8sObject[] {
    this.nsIndex ??= this.group((o) => effectiveNamespace(o));
    return this.nsIndex.get(namespace) ?? [];
  }

  namespaces(): string[] {
    this.nsIndex ??= this.group((o) => effectiveNamespace(o));
    return [...this.nsIndex.keys()];
  }

  get(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      for (const o of this.objects) this.keyIndex.set(Inventory.key(o.kind, effectiveNamespace(o), o.name), o);
    }
    return this.keyIndex.get(Inventory.key(kind, namespace, name));
  }

  /** Objects carrying label `key=value`. */
  withLabel(key: string, value: string): readonly K8sObject[] {
    if (!this.labelIndex) {
      this.labelIndex = new Map();
      for (const o of this.objects) {
        for (const [k, v] of Object.entries(o.labels)) {
          const lk = `${k}=${v}`;
          let list = this.labelIndex.get(lk);
          if (!list) this.labelIndex.set(lk, (list = []));
          list.push(o);
        }
      }
    }
    return this.labelIndex.get(`${key}=${value}`) ?? [];
  }

  /** Objects of `kind` (optionally in one namespace) whose labels satisfy the selector. */
  select(kind: string, selector: LabelSelector, namespace?: string): K8sObject[] {
    const first = Object.entries(selector.matchLabels ?? {})[0];
    const pool = first ? this.withLabel(first[0], first[1]) : this.byKind(kind);
    return pool.filter(
      (o) => o.kind === kind && (namespace === undefined || effectiveNamespace(o) === namespace) && matchesSelector(o.labels, selector),
    );
  }

  /** Every pod spec in every workload, in input order. */
  podSpecs(): readonly PodSpecRef[] {
    this.pods ??= this.objects.flatMap(podSpecsOf);
    return this.pods;
  }

  /** Every container (init, app, ephemeral) of every pod spec. */
  containers(): readonly ContainerRef[] {
    this.conts ??= this.podSpecs().flatMap(containersOf);
    return this.conts;
  }
}
