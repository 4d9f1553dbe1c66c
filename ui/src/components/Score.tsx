export function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'score score-none';
  return score >= 80 ? 'score score-good' : score >= 50 ? 'score score-mid' : 'score score-bad';
}

export function Score({ score }: { score: number | null | undefined }) {
  return (
    <span className={scoreClass(score)} title="posture score, 0–100 (higher is better)">
      {score === null || score === undefined ? '–' : Math.round(score)}
    </span>
  );
}
