import type { ActorTimeline, IngestStats, LogRecord, TopReport } from '../types.js';
import type { RecordSelection } from '../config/incident-match.js';
import { createIngestStats, readRecordBatches, type IngestOptions } from '../ingest/read-records.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { ActorActivity } from '../features/actor-activity.js';
import { TrafficPanels } from '../features/traffic-panels.js';

export interface Selected {
  stats: IngestStats;
  /** Records selected, in input order (all of them: `show` prints them after the summary). */
  records: LogRecord[];
  panels: Omit<TopReport, 'tool' | 'input'>;
  timeline: ActorTimeline;
}

/**
 * `show`: reads the inputs once and keeps the records the selection takes, with their panels
 * and their per-window activity against every client's. Memory is the selected records plus
 * windows and clients; the rest of the input streams past.
 */
export async function readSelection(
  inputs: readonly string[],
  ingest: IngestOptions,
  selection: RecordSelection,
  windowMs: number,
  panelRows: number,
): Promise<Selected> {
  const stats = createIngestStats();
  const templater = new RouteTemplater({ maxRoutes: ingest.maxRoutes });
  const activity = new ActorActivity(windowMs);
  const candidates: LogRecord[] = [];
  const undecided = new Set<LogRecord>();
  for await (const batch of readRecordBatches(inputs, ingest, stats, templater)) {
    for (const record of batch) {
      activity.observe(record);
      const verdict = selection.test(record);
      if (verdict === 'out') continue;
      candidates.push(record);
      if (verdict === 'maybe') undecided.add(record);
    }
  }
  const canonical = (route: string): string => templater.canonical(route);
  const records = undecided.size === 0 ? candidates : candidates.filter((record) => !undecided.has(record) || selection.resolve(record, canonical));
  const panels = new TrafficPanels();
  for (const record of records) {
    panels.add(record);
    activity.addOwn(record);
  }
  return { stats, records, panels: panels.panels(panelRows, canonical), timeline: activity.timeline() };
}

/**
 * The first `cap` records of each incident's selection, in one read of the inputs (for the HTML
 * report's drill-down). Incidents without a selector get none.
 */
export async function readFirstLines(
  inputs: readonly string[],
  ingest: IngestOptions,
  selections: ReadonlyMap<string, RecordSelection>,
  cap: number,
): Promise<Map<string, LogRecord[]>> {
  const stats = createIngestStats();
  const templater = new RouteTemplater({ maxRoutes: ingest.maxRoutes });
  // Undecided records wait for the final routes; decided ones stop being kept once `cap` are in.
  const kept = new Map<string, { decided: number; records: { record: LogRecord; maybe: boolean }[] }>();
  for (const id of selections.keys()) kept.set(id, { decided: 0, records: [] });
  for await (const batch of readRecordBatches(inputs, ingest, stats, templater)) {
    for (const record of batch) {
      for (const [id, selection] of selections) {
        const entry = kept.get(id)!;
        if (entry.decided >= cap) continue;
        const verdict = selection.test(record);
        if (verdict === 'out') continue;
        entry.records.push({ record, maybe: verdict === 'maybe' });
        if (verdict === 'in') entry.decided += 1;
      }
    }
  }
  const canonical = (route: string): string => templater.canonical(route);
  const out = new Map<string, LogRecord[]>();
  for (const [id, entry] of kept) {
    const selection = selections.get(id)!;
    out.set(id, entry.records.filter(({ record, maybe }) => !maybe || selection.resolve(record, canonical)).slice(0, cap).map(({ record }) => record));
  }
  return out;
}
