/** The webhook's Prometheus metrics, rendered in the text exposition format (no client library needed for this few). */

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string) {}
  observe(labels: Labels, seconds: number): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      BUCKETS.forEach((b, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class AdmissionMetrics {
  readonly requests = new Counter('kubeward_admission_requests_total', 'HTTP requests by path and status code');
  readonly verdicts = new Counter('kubeward_admission_verdicts_total', 'AdmissionReviews answered, by webhook (validate, mutate) and result (allowed, denied, warned, patched, skipped, error)');
  readonly findings = new Counter('kubeward_admission_findings_total', 'Failed checks on reviewed objects, by mode (enforce, warn, audit)');
  readonly auditRecords = new Counter('kubeward_admission_audit_records_total', 'Reviews written to the audit log (dry runs are not)');
  readonly deadlines = new Counter('kubeward_admission_deadline_exceeded_total', 'Requests answered by the deadline instead of a verdict');
  readonly reloads = new Counter('kubeward_admission_certificate_reloads_total', 'Serving certificate reloads, by result (ok, error)');
  readonly latency = new Histogram('kubeward_admission_review_duration_seconds', 'Time from the request to the answer, by webhook');

  render(): string {
    return [this.requests, this.verdicts, this.findings, this.auditRecords, this.deadlines, this.reloads, this.latency].map((m) => m.render()).join('\n') + '\n';
  }
}
