import { resolveWeights, type Weights } from '../analysis/paths/weights.js';
import { RequestError } from './errors.js';

/** Attack-path weights from `NAME=VALUE` overrides (`--weight`, `paths.weights`); RequestError for an unknown name or a bad value. */
export function pathWeights(overrides: readonly string[] | undefined): Weights {
  const w = resolveWeights(overrides ?? []);
  if ('error' in w) throw new RequestError(`--weight: ${w.error}`);
  return w;
}
