// NDJSON for `jq -c`, log shippers and streaming readers. The first line is the
// header: what was read, how it was modelled, how many incidents there are
// (`total`) and how many lines follow (`shown`); it is written even when there
// is no incident. Then one small line per incident, valid on its own:
//   {"type":"header","schemaVersion":1,"tool":{…},"input":{…},"model":{…},"total":125,"shown":125,"suppressedTotal":0}
//   {"type":"incident","incident":{…}}
//   {"type":"suppressed","incident":{…},"rule":0,"reason":"…"}   (only with showSuppressed)
// Shapes: $defs/NdjsonLine in schema/report.schema.json.
import type { Report } from '../types.js';
import { canonicalReport, stringifySafe, type Json } from './canonical.js';
import type { RenderOptions } from './render-options.js';

export function renderNdjson(report: Report, options: RenderOptions): string {
  const canonical = canonicalReport(report, options.top) as { [key: string]: Json } & { incidents: Json[]; suppressed: Json[] };
  const header: Json = {
    type: 'header',
    schemaVersion: canonical.schemaVersion!,
    tool: canonical.tool!,
    input: canonical.input!,
    model: canonical.model!,
    total: canonical.total!,
    shown: canonical.shown!,
    suppressedTotal: canonical.suppressed.length,
  };
  const lines = [`${stringifySafe(header)}\n`];
  for (const incident of canonical.incidents) lines.push(`${stringifySafe({ type: 'incident', incident })}\n`);
  if (options.showSuppressed) {
    for (const suppressed of canonical.suppressed) {
      const { incident, rule, reason } = suppressed as { [key: string]: Json };
      lines.push(`${stringifySafe({ type: 'suppressed', incident: incident!, rule: rule!, reason: reason! })}\n`);
    }
  }
  return lines.join('');
}
