// The network face of the engine: the reachability view over a request's inputs (analyses.ts) and the questions
// asked of it (explain one connection, the matrix, policies generated from observed flows).
export { loadNetwork } from './analyses.js';
export { explainConnection } from '../analysis/netpol/explain.js';
export type { DirectionVerdict } from '../analysis/netpol/explain.js';
export { resolveEnd, resolvePort } from '../analysis/netpol/resolve.js';
export { computeMatrix, connections } from '../analysis/netpol/matrix.js';
export { parseFlows } from '../analysis/netpol/flows.js';
export { generatePolicies } from '../analysis/netpol/generate.js';
