import type { IngestStats, RecordSelector, TopReport } from '../types.js';
import { createIngestStats, readRecordBatches, type IngestOptions } from '../ingest/read-records.js';
import { toInputSummary } from '../ingest/ingest-stats.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { TrafficPanels } from '../features/traffic-panels.js';
import { VERSION } from '../version.js';

/** `anomalog top`: reads every input once, streaming, into the traffic panels (`limit` rows each). */
export async function aggregatePanels(
  inputs: readonly string[],
  ingest: IngestOptions,
  selector: RecordSelector | undefined,
  limit: number,
  onBatch?: (stats: IngestStats) => void,
): Promise<TopReport> {
  const stats = createIngestStats();
  const templater = new RouteTemplater({ maxRoutes: ingest.maxRoutes });
  const panels = new TrafficPanels();
  for await (const batch of readRecordBatches(inputs, ingest, stats, templater)) {
    for (const record of batch) {
      if (selector === undefined || selector.keep(record)) panels.add(record);
    }
    onBatch?.(stats);
  }
  const filters = selector?.counts() ?? [];
  return {
    tool: { name: 'anomalog', version: VERSION },
    input: { ...toInputSummary(stats), ...(filters.length > 0 ? { filters } : {}) },
    ...panels.panels(limit, (route) => templater.canonical(route)),
  };
}
