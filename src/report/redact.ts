// `--redact`: client addresses and consumer ids replaced by keyed hashes, so a
// report can leave the team yet incidents stay linkable (same value and key,
// same token). Without the key a token cannot be reversed by hashing all IPv4s.
import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Incident, Report } from '../types.js';
import { UsageError } from '../errors.js';
import { escapeRegExp } from '../text/sanitize.js';

/** `client-3fa9c01b2e4d`: HMAC-SHA256 of the value under `key`, first 12 hex digits. */
export function redactionToken(kind: 'client' | 'consumer', value: string, key: string): string {
  return `${kind}-${createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 12)}`;
}

// A match must not be part of a longer identifier: "10.0.0.1" is not redacted
// inside "10.0.0.12", but is at the end of a sentence ("…from 10.0.0.1.").
const BEFORE = '(?<![A-Za-z0-9_.:-])';
const AFTER = '(?![A-Za-z0-9_:-]|\\.[A-Za-z0-9])';
// IPv4 addresses in free text that no incident lists as a client (e.g. an X-Forwarded-For in a sample).
const IPV4_IN_TEXT = new RegExp(`${BEFORE}\\d{1,3}(?:\\.\\d{1,3}){3}${AFTER}`, 'g');

function collectIdentifiers(report: Report): { clients: Set<string>; consumers: Set<string> } {
  const clients = new Set<string>();
  const consumers = new Set<string>();
  const incidents = [...report.incidents, ...(report.suppressed ?? []).map((s) => s.incident)];
  for (const incident of incidents) {
    for (const client of incident.clients) if (client !== '') clients.add(client);
    for (const consumer of incident.consumers) if (consumer !== '') consumers.add(consumer);
  }
  return { clients, consumers };
}

/**
 * A copy of the report in which every client address and consumer id (in the
 * lists and inside summaries, evidence, samples, user agents, suppression
 * reasons; in endpoints only addresses), and every IPv4 address in that text,
 * is a keyed hash token.
 */
export function redactReport(report: Report, key: string): Report {
  if (key === '') throw new UsageError('--redact needs a non-empty key (--redact-key or ANOMALOG_REDACT_KEY).');
  const { clients, consumers } = collectIdentifiers(report);
  const tokens = new Map<string, string>();
  for (const consumer of consumers) tokens.set(consumer, redactionToken('consumer', consumer, key));
  for (const client of clients) tokens.set(client, redactionToken('client', client, key));
  // Longest first, so a value that contains another is replaced whole.
  const alternation = (list: Iterable<string>): RegExp | undefined => {
    const values = [...list].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    return values.length > 0 ? new RegExp(`${BEFORE}(?:${values.map(escapeRegExp).join('|')})${AFTER}`, 'g') : undefined;
  };
  const anyIdentifier = alternation(tokens.keys());
  const clientsOnly = alternation(clients);

  const replaceWith = (pattern: RegExp | undefined) => (text: string): string => {
    const replaced = pattern ? text.replace(pattern, (match) => tokens.get(match) ?? match) : text;
    return replaced.replace(IPV4_IN_TEXT, (match) =>
      ipaddr.IPv4.isValidFourPartDecimal(match) ? redactionToken('client', match, key) : match,
    );
  };
  const redactText = replaceWith(anyIdentifier);
  // Endpoints are route templates: a consumer id such as "api" must not rewrite
  // "/api/v1/login", so only addresses are looked for there.
  const redactEndpoint = replaceWith(clientsOnly);
  const redactValue = <T>(value: T): T => (typeof value === 'string' ? (redactText(value) as T) : value);

  const redactIncident = (incident: Incident): Incident => ({
    ...incident,
    endpoint: incident.endpoint === null ? null : redactEndpoint(incident.endpoint),
    endpoints: incident.endpoints.map(redactEndpoint),
    clients: incident.clients.map((c) => tokens.get(c) ?? redactText(c)),
    consumers: incident.consumers.map((c) => tokens.get(c) ?? redactText(c)),
    userAgents: incident.userAgents.map(redactText),
    summary: redactText(incident.summary),
    evidence: incident.evidence.map((e) => ({
      ...e,
      observed: redactValue(e.observed),
      baseline: redactValue(e.baseline),
      text: redactText(e.text),
    })),
    samples: incident.samples.map((s) => (s.text === undefined ? { ...s } : { ...s, text: redactText(s.text) })),
    // The selector names clients and consumers too: tokens keep it readable, and no longer able to select them.
    ...(incident.selector === undefined
      ? {}
      : {
          selector: {
            ...incident.selector,
            terms: incident.selector.terms.map((term) => ({
              ...term,
              ...(term.client !== undefined ? { client: tokens.get(term.client) ?? redactText(term.client) } : {}),
              ...(term.consumer !== undefined ? { consumer: tokens.get(term.consumer) ?? redactText(term.consumer) } : {}),
              ...(term.endpoint !== undefined ? { endpoint: redactEndpoint(term.endpoint) } : {}),
            })),
          },
        }),
  });

  const redacted: Report = { ...report, incidents: report.incidents.map(redactIncident) };
  if (report.suppressed) {
    redacted.suppressed = report.suppressed.map((s) => ({
      ...s,
      incident: redactIncident(s.incident),
      reason: redactText(s.reason),
    }));
  }
  return redacted;
}
