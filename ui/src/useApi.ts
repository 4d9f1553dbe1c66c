import { useCallback, useEffect, useState } from 'react';
import { api, type Query } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** GET a path (re-fetched when the path or query changes); `path` null = nothing to fetch yet. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const key = path === null ? null : JSON.stringify([path, query ?? {}]);
  const [state, setState] = useState<{ key: string | null; data?: T; error?: string }>({ key: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null || key === null) return;
    let live = true;
    api.get<T>(path, query).then(
      (data) => live && setState({ key, data }),
      (err: unknown) => live && setState({ key, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: path !== null && !fresh, reload };
}
