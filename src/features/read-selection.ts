import type { ActorTimeline, IngestStats, LogRecord, TopReport } from '../types.js';
import type { RecordSelection } from '../config/incident-match.js';
import { createIngestStats, readRecordBatches, type IngestOptions } from '../ingest/read-records.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { ActorActivity } from './actor-activity.js';
import { TrafficPanels } from './traffic-panels.js';

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
