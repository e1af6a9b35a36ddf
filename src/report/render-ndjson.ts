// One incident per line for `jq -c` and log shippers. Each line stands alone:
//   {"schemaVersion":1,"tool":{…},"input":{files,formats,lines,records,skipped,timeRange},
//    "incident":{…}}
// plus "suppressed":{"rule":n,"reason":"…"} on the lines of suppressed incidents,
// which are only written with showSuppressed. Shape: $defs/IncidentLine in
// schema/report.schema.json.
import type { Incident, Report } from '../types.js';
import { canonicalReport, incidentShape, stringifySafe, type Json } from './canonical.js';
import type { RenderOptions } from './render-options.js';

function compactInput(report: Report): Json {
  const canonical = canonicalReport({ ...report, incidents: [], suppressed: undefined }) as { input: Record<string, Json> };
  const { files, formats, lines, records, skipped, timeRange } = canonical.input;
  return { files: files ?? [], formats: formats ?? {}, lines: lines ?? 0, records: records ?? 0, skipped: skipped ?? 0, timeRange: timeRange ?? null };
}

export function renderNdjson(report: Report, options: RenderOptions): string {
  const tool: Json = { name: report.tool.name, version: report.tool.version };
  const input = compactInput(report);
  const line = (incident: Incident, suppressed?: { rule: number; reason: string }): string => {
    const object: Json = { schemaVersion: 1, tool, input, incident: incidentShape(incident) };
    if (suppressed) object.suppressed = { rule: suppressed.rule, reason: suppressed.reason };
    return `${stringifySafe(object)}\n`;
  };
  const top = options.top;
  const incidents = top !== undefined && top >= 0 ? report.incidents.slice(0, top) : report.incidents;
  const lines = incidents.map((incident) => line(incident));
  if (options.showSuppressed) {
    for (const { incident, rule, reason } of report.suppressed ?? []) lines.push(line(incident, { rule, reason }));
  }
  return lines.join('');
}
