import type { IncidentKind } from '../types.js';
import { formatCount, formatCountOf } from '../text/format-values.js';

const KIND_WORDS: Record<IncidentKind, string> = {
  credential_attack: 'Credential attack',
  enumeration: 'Enumeration',
  scanner: 'Scanner',
  volumetric: 'Request flood',
  error_spike: 'Error spike',
  latency_regression: 'Latency regression',
  data_exfiltration: 'Possible data exfiltration',
  new_endpoint: 'New endpoint',
  injection: 'Injection attempts',
  key_misuse: 'API key misuse',
  tampering: 'Mass writes',
  traffic_drop: 'Traffic drop',
  other: 'Unusual traffic',
};

export function kindWords(kind: IncidentKind): string {
  return KIND_WORDS[kind];
}

/** One sentence a person understands: what, where, who, and the strongest evidence. */
export function summarize(kind: IncidentKind, endpoint: string | null, clients: readonly string[], consumers: readonly string[], requests: number, topEvidence: string | null): string {
  const who =
    consumers.length === 1
      ? ` by key ${consumers[0]}`
      : clients.length === 1
        ? ` from ${clients[0]}`
        : clients.length > 1
          ? ` from ${formatCount(clients.length)} clients`
          : '';
  const where = endpoint ? ` on ${endpoint}` : '';
  const why = topEvidence ? `: ${topEvidence}` : '';
  return `${KIND_WORDS[kind]}${where}${who} (${formatCountOf(requests, 'request')})${why}.`;
}
