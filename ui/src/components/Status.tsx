import type { ReactNode } from 'react';

/** Loading / error / content, with the error announced to screen readers. */
export function Status({ loading, error, children }: { loading: boolean; error?: string; children?: ReactNode }) {
  if (error) return <p className="error" role="alert">Could not load: {error}</p>;
  if (loading) return <p className="muted" aria-live="polite">Loading…</p>;
  return <>{children}</>;
}
