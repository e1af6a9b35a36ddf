// `anomalog explain` as text: the request, what each rule and profile said, and its window.
import type { EndpointWindowFacts, Explanation } from '../types.js';
import { formatTimeSpan } from './describe.js';
import { formatBytes, formatCount, formatCountOf, formatMs, formatPercent } from '../text/format-values.js';
import { escapeTerminal, truncate } from '../text/sanitize.js';

const safe = (text: string, limit = 300): string => escapeTerminal(truncate(text, limit));

export function renderExplanation(explanation: Explanation): string {
  const out: string[] = [`anomalog explain: ${safe(`${explanation.source.file}:${explanation.source.line}`)}`, '', 'Record'];
  for (const [field, value] of Object.entries(explanation.record)) {
    if (value === null || field === 'source') continue;
    out.push(`  ${field.padEnd(13)} ${safe(String(value), 500)}`);
  }
  if (explanation.decoded.length > 0) {
    out.push('', 'Decoded');
    for (const item of explanation.decoded) out.push(`  ${safe(item.field, 80)}: ${safe(item.raw)}`, `  ${' '.repeat(safe(item.field, 80).length)}  → ${safe(item.decoded)}`);
  }
  out.push('', explanation.rules.length === 0 ? 'Rules: none of the written rules matched' : `Rules matched (${explanation.rules.length})`);
  for (const match of explanation.rules) out.push(`  ${safe(match.finding, 200)}: rule ${safe(match.rule, 80)} (class ${safe(match.class, 40)})`);
  out.push('', 'Learned profile');
  const { profile } = explanation;
  if (profile === null) out.push('  none for this route (no request of it was learned)');
  else {
    out.push(`  ${safe(profile.route, 200)}: ${formatCountOf(profile.requests, 'request')} learned${profile.params.length === 0 ? ', none with parameters' : ''}`);
    for (const param of profile.params) {
      const values = param.distinctValues === null ? 'many values' : `${formatCount(param.distinctValues)} distinct values`;
      out.push(`    ${safe(param.name, 60)}: ${formatCount(param.count)} times, ${safe(param.kinds, 80)}, ${values}`);
    }
  }
  if (explanation.profileReasons.length === 0) out.push('  nothing in this request is outside what was learned');
  for (const reason of explanation.profileReasons) out.push(`  ! ${safe(reason, 400)}`);
  out.push('', explanation.injection.flagged ? `Verdict: flagged for injection (strength ${explanation.injection.score})` : 'Verdict: not flagged for injection');
  const { window } = explanation;
  if (window === null) out.push('', 'Window: the endpoint has no learned profile');
  else {
    out.push('', `Window ${formatTimeSpan(window.start, window.end)} UTC on ${safe(window.endpoint, 200)}: ${formatCountOf(window.requests, 'request')}`);
    out.push(...windowFacts(window.observed, window.normal));
    out.push(`  model features (0 is the endpoint's normal): ${window.features.map((feature) => `${feature.name} ${feature.value}`).join(', ')}`);
    if (window.evidence.length === 0) out.push('  nothing unusual in this window');
    for (const item of window.evidence) out.push(`  ! ${safe(item.text, 400)}`);
  }
  out.push(...renderClientWindow(explanation.clientWindow));
  out.push('', explanation.incidents.length === 0 ? 'Incidents: none counts this request' : `Incidents counting this request (${explanation.incidents.length})`);
  for (const incident of explanation.incidents) {
    out.push(`  #${incident.rank} ${incident.kind} ${incident.severity} (id ${safe(incident.id, 40)}): ${safe(incident.summary, 400)}`);
  }
  out.push('', `Normal: ${safe(explanation.baseline, 300)}`);
  return `${out.join('\n')}\n`;
}

/** The window's measures beside the endpoint's normal, one per line; a measure the log does not carry is left out. */
function windowFacts(observed: EndpointWindowFacts, normal: EndpointWindowFacts): string[] {
  const rows: [string, number | null, number | null, (value: number) => string][] = [
    ['5xx share', observed.status5xx, normal.status5xx, formatPercent],
    ['401/403 share', observed.authFailures, normal.authFailures, formatPercent],
    ['404 share', observed.notFound, normal.notFound, formatPercent],
    ['median latency', observed.latencyP50Ms, normal.latencyP50Ms, formatMs],
    ['mean response', observed.meanBytes, normal.meanBytes, formatBytes],
  ];
  const out = ['  observed vs normal', `    requests        ${formatCount(observed.requests)} vs ${formatCount(normal.requests)} expected in a window at this hour`];
  for (const [label, seen, usual, format] of rows) {
    if (seen === null && usual === null) continue;
    out.push(`    ${label.padEnd(15)} ${seen === null ? '–' : format(seen)} vs ${usual === null ? '–' : format(usual)}`);
  }
  return out;
}

function renderClientWindow(window: Explanation['clientWindow']): string[] {
  if (window === null) return ['', 'Client window: none'];
  const out = ['', `Client ${safe(window.client, 100)}, window ${formatTimeSpan(window.start, window.end)} UTC: ${formatCountOf(window.requests, 'request')}, ` +
    `${formatCount(window.notFound)} 404, ${formatCount(window.authFailures)} 401/403, ${formatCountOf(window.distinctPaths, 'distinct path')} on ${formatCountOf(window.routes, 'route')}`];
  if (!window.scored) return [...out, '  not scored on its own: past --max-clients it is one of "(other clients)"'];
  const { normal } = window;
  const own = normal.clientWindows === 0 ? 'no history of its own (judged against every client)' : `${formatCountOf(normal.clientWindows, 'window')} of its own history, typically ${formatCount(normal.clientTypicalRequests ?? 0)} requests`;
  out.push(`  normal: a busy client sends ${formatCount(normal.busyClientRequests)} requests and asks for ${formatCount(normal.busyClientPaths)} distinct paths per window (p95); this client: ${own}`);
  if (window.keptOutOfBaseline) out.push('  kept out of the baseline: the request-level scan flagged this client in this window (judged, not learned as normal)');
  out.push(`  model features (log2 against the normal above, shares above what its routes normally answer; distinct_paths and distinct_ids: log2 counts): ${window.features.map((feature) => `${feature.name} ${feature.value}`).join(', ')}`);
  if (window.evidence.length === 0) out.push('  nothing unusual in this window');
  for (const item of window.evidence) out.push(`  ! ${safe(item.text, 400)}`);
  return out;
}
