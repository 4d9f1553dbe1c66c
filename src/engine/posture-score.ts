// The posture score lives with the reports (src/report/posture-score.ts) so `scan -o html` shows the same score the
// server computes for the same scan; the faces keep importing it from here.
export { postureScore, SEVERITIES, SEVERITY_WEIGHTS, type PostureInput } from '../report/posture-score.js';
