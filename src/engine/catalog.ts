// What the engine knows, for listing and explaining: the rule registry and the frameworks it maps to.
export { CHECKS, SELECTABLE_CHECKS, findCheck } from '../checks/index.js';
export { isFixable, isImageRule } from '../checks/define.js';
export type { Check, Example } from '../checks/define.js';
export { frameworksShort } from '../checks/table.js';
export type { PssVersionNote } from '../checks/shared/pss-check.js';
export { FRAMEWORKS, FRAMEWORK_IDS, findFramework } from '../frameworks/catalog.js';
export type { Framework } from '../frameworks/catalog.js';
export { inImageRuleOrder } from './run-image-rules.js';
