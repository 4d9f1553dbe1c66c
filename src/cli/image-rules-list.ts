import { IMAGE_RULES, type ImageRule } from '../analysis/image/rules.js';
import { WORKLOAD_IMAGE_RULES, type WorkloadImageRule } from '../analysis/image/workload-rules.js';

/** The image rules (config checks and the scan --images findings) as `kubeward checks` / `explain` list them. */
export interface ListedImageRule {
  rule: WorkloadImageRule | ImageRule;
  /** Where its findings come from. */
  runsIn: string;
}

export function imageRules(): ListedImageRule[] {
  return [
    ...Object.values(IMAGE_RULES).map((rule) => ({ rule: rule as ImageRule, runsIn: 'kubeward image scan IMAGE, and kubeward scan --images (on each workload using the image)' })),
    ...Object.values(WORKLOAD_IMAGE_RULES).map((rule) => ({ rule: rule as WorkloadImageRule, runsIn: 'kubeward scan --images (on each workload using the image)' })),
  ];
}

/** An image rule by id or another tool's id. */
export function findImageRule(idOrAlias: string): ListedImageRule | undefined {
  const q = idOrAlias.toLowerCase();
  return imageRules().find(({ rule }) => rule.id === q || Object.values(rule.aliases ?? {}).some((ids) => (ids as string[] | undefined)?.some((a) => a.toLowerCase() === q)));
}
