import { useApi } from '../useApi';
import type { Cluster, List } from '../types';

/** A labelled select of the clusters the server knows; "" = all clusters when `allowAll`. */
export function ClusterSelect({ value, onChange, allowAll }: { value: string; onChange: (v: string) => void; allowAll?: boolean }) {
  const { data } = useApi<List<Cluster>>('/api/v1/clusters');
  return (
    <label className="field">
      <span>Cluster</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {allowAll && <option value="">all clusters</option>}
        {!allowAll && value === '' && <option value="">choose…</option>}
        {(data?.items ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The cluster from the URL, else the first cluster the server knows. */
export function useCluster(fromUrl: string | null): string {
  const { data } = useApi<List<Cluster>>(fromUrl ? null : '/api/v1/clusters');
  return fromUrl ?? data?.items[0]?.name ?? '';
}
