// The seed's `<data>/metrics.json`, written every 5 minutes from the same registry `/metrics` reads,
// so the file and the scrape never disagree. Written to a temporary file and renamed, so a reader (or a
// power cut) only ever sees a whole file.
import type { MetricObjectWithValues, MetricValue, MetricValueWithName } from 'prom-client';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import type { Metrics } from './metrics.js';
import { writeFileDurably } from '../backup/files.js';

export const METRICS_EXPORT_INTERVAL_MS = 5 * 60_000;

export interface MetricsSnapshot {
  timestamp: string;
  uptime_seconds: number;
  uptime_hours: number;
  /** Keys are series as they appear in `/metrics`: `name{label="value",...}`. */
  counters: Record<string, number>;
  gauges: Record<string, number>;
  histograms: Record<string, { count: number; sum: number; buckets: Record<string, number> }>;
}

/** The series key exactly as prom-client prints it in the text format. */
export function seriesKey(name: string, labels: Record<string, string | number> = {}): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

export async function metricsSnapshot(metrics: Metrics, now: Date, startedAt: Date): Promise<MetricsSnapshot> {
  const families = (await metrics.registry.getMetricsAsJSON()) as MetricObjectWithValues<MetricValue<string> | MetricValueWithName<string>>[];
  const out: MetricsSnapshot = {
    timestamp: now.toISOString(),
    uptime_seconds: Math.round((now.getTime() - startedAt.getTime()) / 10) / 100,
    uptime_hours: Math.round((now.getTime() - startedAt.getTime()) / 360_000) / 10,
    counters: {},
    gauges: {},
    histograms: {},
  };
  for (const family of families) {
    const type = String(family.type);
    if (type === 'counter' || type === 'gauge') {
      const into = type === 'counter' ? out.counters : out.gauges;
      for (const v of family.values) into[seriesKey(family.name, v.labels as Record<string, string>)] = v.value;
    } else if (type === 'histogram') {
      for (const v of family.values as MetricValueWithName<string>[]) {
        const labels = { ...(v.labels as Record<string, string | number>) };
        const le = labels.le;
        delete labels.le;
        const key = seriesKey(family.name, labels);
        const h = (out.histograms[key] ??= { count: 0, sum: 0, buckets: {} });
        if (v.metricName === `${family.name}_bucket`) h.buckets[String(le)] = v.value;
        else if (v.metricName === `${family.name}_sum`) h.sum = v.value;
        else if (v.metricName === `${family.name}_count`) h.count = v.value;
      }
    }
  }
  return out;
}


export interface MetricsExportDeps {
  metrics: Metrics;
  file: string;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
}

export function createMetricsExport(deps: MetricsExportDeps) {
  const startedAt = deps.clock.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> = Promise.resolve();

  async function writeNow(): Promise<void> {
    const snapshot = await metricsSnapshot(deps.metrics, deps.clock.now(), startedAt);
    writeFileDurably(deps.file, JSON.stringify(snapshot, null, 2) + '\n');
  }

  const exportOnce = (): Promise<void> => {
    running = running.then(writeNow).catch((e: Error) => deps.log.warn('metrics export failed', { error: e.message }));
    return running;
  };

  return {
    exportOnce,
    async start() {
      timer = setInterval(() => void exportOnce(), deps.intervalMs ?? METRICS_EXPORT_INTERVAL_MS);
      timer.unref();
    },
    /** A last export on the way down, so the file shows the final counts. */
    async stop() {
      clearInterval(timer);
      await exportOnce();
    },
  };
}
