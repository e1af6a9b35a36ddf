import type { LogRecord, Percentiles, TopPanel, TopReport, TopRouteRow, TopRow } from '../types.js';
import { QuantileSketch } from '../baseline/quantile-sketch.js';
import { TopCounter } from './top-counter.js';

/** Keys each panel holds before it starts dropping the least counted (see TopCounter). */
export const PANEL_CAPACITY = 50_000;
const HOUR_MS = 3_600_000;

interface Traffic {
  bytes: number;
}

interface RouteTraffic extends Traffic {
  errors: number;
  latency: QuantileSketch;
  size: QuantileSketch;
}

const newTraffic = (): Traffic => ({ bytes: 0 });
const newRouteTraffic = (): RouteTraffic => ({ bytes: 0, errors: 0, latency: new QuantileSketch(), size: new QuantileSketch() });

/**
 * The GoAccess panels of `anomalog top`, counted in one streaming pass: every status exactly,
 * every hour, and the top clients, routes, agents, referrers and 404 paths in bounded memory.
 * Routes are bounded already (the templater folds past --max-routes), so their latency and size
 * sketches are too.
 */
export class TrafficPanels {
  requests = 0;
  bytes = 0;
  errors = 0;
  private readonly statuses = new Map<string, number>();
  private readonly hours = new Map<number, { requests: number; bytes: number; errors: number }>();
  private readonly clients = new TopCounter<Traffic>(PANEL_CAPACITY, newTraffic);
  private readonly routes = new Map<string, { count: number; extra: RouteTraffic }>();
  private readonly agents = new TopCounter<Traffic>(PANEL_CAPACITY, newTraffic);
  private readonly referrers = new TopCounter<Traffic>(PANEL_CAPACITY, newTraffic);
  private readonly notFound = new TopCounter<Traffic>(PANEL_CAPACITY, newTraffic);

  add(record: LogRecord): void {
    const bytes = record.bytesSent ?? 0;
    const error = record.status !== null && record.status >= 400;
    this.requests += 1;
    this.bytes += bytes;
    if (error) this.errors += 1;
    const status = record.status === null ? '-' : String(record.status);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const hourMs = Math.floor(record.timeMs / HOUR_MS) * HOUR_MS;
    let hour = this.hours.get(hourMs);
    if (hour === undefined) {
      hour = { requests: 0, bytes: 0, errors: 0 };
      this.hours.set(hourMs, hour);
    }
    hour.requests += 1;
    hour.bytes += bytes;
    if (error) hour.errors += 1;
    this.clients.add(record.client ?? '-').bytes += bytes;
    this.agents.add(record.userAgent ?? '-').bytes += bytes;
    if (record.referer !== null && record.referer !== '' && record.referer !== '-') this.referrers.add(record.referer).bytes += bytes;
    if (record.status === 404) this.notFound.add(record.path ?? '-').bytes += bytes;
    const key = `${record.method ?? '-'} ${record.route ?? record.path ?? '-'}`;
    let route = this.routes.get(key);
    if (route === undefined) {
      route = { count: 0, extra: newRouteTraffic() };
      this.routes.set(key, route);
    }
    route.count += 1;
    route.extra.bytes += bytes;
    if (error) route.extra.errors += 1;
    if (record.durationMs !== null) route.extra.latency.add(record.durationMs);
    if (record.bytesSent !== null) route.extra.size.add(record.bytesSent);
  }

  /**
   * The panels, `limit` rows each (statuses and hours in full). `canonicalRoute` maps each
   * route to its final template (the templater may shorten routes it handed out early).
   */
  panels(limit: number, canonicalRoute: (route: string) => string = (route) => route): Omit<TopReport, 'tool' | 'input'> {
    const statuses = [...this.statuses]
      .map(([status, requests]) => ({ status, requests }))
      .sort((a, b) => b.requests - a.requests || (a.status < b.status ? -1 : 1));
    const hourly = [...this.hours]
      .sort((a, b) => a[0] - b[0])
      .map(([hourMs, hour]) => ({ hour: new Date(hourMs).toISOString(), ...hour }));
    const routes = this.canonicalRoutes(canonicalRoute);
    return {
      totals: { requests: this.requests, bytes: this.bytes, clients: this.clients.distinct, routes: routes.size, errors: this.errors },
      statuses,
      clients: panel(this.clients, limit),
      routes: routePanel(routes, limit),
      agents: panel(this.agents, limit),
      referrers: panel(this.referrers, limit),
      notFound: panel(this.notFound, limit),
      hourly,
    };
  }

  private canonicalRoutes(canonicalRoute: (route: string) => string): Map<string, { count: number; extra: RouteTraffic }> {
    const merged = new Map<string, { count: number; extra: RouteTraffic }>();
    for (const [key, route] of this.routes) {
      const space = key.indexOf(' ');
      const path = key.slice(space + 1);
      const canonical = path.startsWith('/') ? `${key.slice(0, space)} ${canonicalRoute(path)}` : key;
      const into = merged.get(canonical);
      if (into === undefined) {
        merged.set(canonical, route);
        continue;
      }
      into.count += route.count;
      into.extra.bytes += route.extra.bytes;
      into.extra.errors += route.extra.errors;
      into.extra.latency.merge(route.extra.latency);
      into.extra.size.merge(route.extra.size);
    }
    return merged;
  }
}

function panel(counter: TopCounter<Traffic>, limit: number): TopPanel {
  const rows: TopRow[] = counter.top(limit).map(({ key, count, extra }) => ({ key, requests: count, bytes: extra.bytes }));
  return { rows, distinct: counter.distinct, exact: counter.exact, maxError: counter.maxDropped };
}

function routePanel(routes: Map<string, { count: number; extra: RouteTraffic }>, limit: number): TopPanel<TopRouteRow> {
  const rows: TopRouteRow[] = [...routes]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, { count, extra }]) => ({
      key,
      requests: count,
      bytes: extra.bytes,
      errors: extra.errors,
      latencyMs: percentiles(extra.latency),
      bytesSent: percentiles(extra.size),
    }));
  return { rows, distinct: routes.size, exact: true, maxError: 0 };
}

function percentiles(sketch: QuantileSketch): Percentiles | null {
  if (sketch.count === 0) return null;
  const round = (value: number | null): number => Math.round((value ?? 0) * 100) / 100;
  return { p50: round(sketch.quantile(0.5)), p95: round(sketch.quantile(0.95)), p99: round(sketch.quantile(0.99)) };
}
