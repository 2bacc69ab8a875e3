/**
 * Latencies and outcomes per route. Each route's latencies go into an HdrHistogram
 * (microseconds, 3 significant digits), so p50/p99 are read from every recorded request,
 * not from a sample.
 */
import { build, type Histogram } from 'hdr-histogram-js';

/** How a request ended: as the flow needs (`ok`), refused as the flow expects (`refused`), or not. */
export type Outcome = 'ok' | 'refused' | 'error';

interface RouteRecord {
  histogram: Histogram;
  ok: number;
  refused: number;
  errors: number;
}

/** One line of the report. */
export interface RouteSummary {
  route: string;
  requests: number;
  refused: number;
  errors: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
}

/** Collects per-route latencies; routes are reported in the order first seen. */
export function createRouteStats() {
  const routes = new Map<string, RouteRecord>();

  return {
    record(route: string, ms: number, outcome: Outcome): void {
      let entry = routes.get(route);
      if (!entry) {
        entry = { histogram: build({ numberOfSignificantValueDigits: 3 }), ok: 0, refused: 0, errors: 0 };
        routes.set(route, entry);
      }
      entry.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
      if (outcome === 'ok') entry.ok += 1;
      else if (outcome === 'refused') entry.refused += 1;
      else entry.errors += 1;
    },

    /** Requests of every route, and the errors among them. */
    totals(): { requests: number; errors: number; refused: number } {
      let requests = 0;
      let errors = 0;
      let refused = 0;
      for (const r of routes.values()) {
        requests += r.ok + r.refused + r.errors;
        errors += r.errors;
        refused += r.refused;
      }
      return { requests, errors, refused };
    },

    summary(): RouteSummary[] {
      return [...routes].map(([route, r]) => ({
        route,
        requests: r.ok + r.refused + r.errors,
        refused: r.refused,
        errors: r.errors,
        p50ms: r.histogram.getValueAtPercentile(50) / 1000,
        p99ms: r.histogram.getValueAtPercentile(99) / 1000,
        maxMs: r.histogram.maxValue / 1000,
      }));
    },
  };
}

/** The per-route statistics of one run. */
export type RouteStats = ReturnType<typeof createRouteStats>;
