/** The CSS class of a 0–100 score: good from 80, middling from 50, bad below; none when there is no score. */
export function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'score score-none';
  return score >= 80 ? 'score score-good' : score >= 50 ? 'score score-mid' : 'score score-bad';
}

/** A posture or compliance score, 0–100 (higher is better), rounded; "–" when there is none. */
export function PostureScore({ score, title }: { score: number | null | undefined; title?: string }) {
  return (
    <span className={scoreClass(score)} title={title ?? 'posture score, 0–100 (higher is better)'}>
      {score === null || score === undefined ? '–' : Math.round(score)}
    </span>
  );
}
