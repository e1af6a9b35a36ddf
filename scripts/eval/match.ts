// Matching reported incidents to planted labels, and the figures the targets are stated in:
// recall of planted incidents within the top 2L reported, precision within the top L,
// and how often the reported kind is the planted one.

/** The fields of a reported incident the matcher reads (report contract, issue 3). */
export interface ReportedIncident {
  kind: string;
  start: string;
  end: string;
  endpoint: string | null;
  endpoints?: string[];
  clients?: string[];
  consumers?: string[];
  score?: number;
  severity?: string;
}

/** The fields of a label the matcher reads (scripts/generator/labels.ts). */
export interface PlantedLabel {
  kind: string;
  start: string;
  end: string;
  clients: string[];
  consumers: string[];
  endpoint: string | null;
}

export interface KindFigures {
  planted: number;
  /** Labels of this kind matched by an incident within the top 2L. */
  recalled: number;
  /** Matched incidents (top 2L) whose label is of this kind, and how many of them reported this kind. */
  matched: number;
  kindRight: number;
  /** Reported kinds of the matched incidents, for reading the confusion. */
  reportedKinds: string[];
  /** 1-based rank of the best-ranked matching incident of each label of this kind (null: not found in the top 2L). */
  ranks: Array<number | null>;
}

export interface MatchResult {
  planted: number;
  reported: number;
  /** For each of the top 2L incidents: the index of the label it matched, or null. */
  assignment: Array<number | null>;
  recalled: number;
  recall: number;
  /** Incidents in the top L that matched a label, over min(L, reported); null when nothing was reported. */
  precision: number | null;
  precisionConsidered: number;
  precisionMatched: number;
  matched: number;
  kindRight: number;
  kindAccuracy: number | null;
  perKind: Record<string, KindFigures>;
}

/**
 * Route templates compare by shape: `{id}`, `:id`, `<id>`, `{proxy+}` are all one placeholder,
 * the method is upper case, no trailing slash, no query.
 */
export function normalizeEndpoint(endpoint: string): string {
  const space = endpoint.indexOf(' ');
  const method = space > 0 ? endpoint.slice(0, space).toUpperCase() : '';
  let path = (space > 0 ? endpoint.slice(space + 1) : endpoint).trim();
  const q = path.indexOf('?');
  if (q >= 0) path = path.slice(0, q);
  path = path.replace(/\{[^}/]*\}|<[^>/]*>|(?<=\/):[A-Za-z_][\w]*/g, '{}');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return method ? `${method} ${path.toLowerCase()}` : path.toLowerCase();
}

/** Overlap of [aStart, aEnd] and [bStart, bEnd] in ms (negative: the gap between them). */
function overlapMs(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
}

/**
 * An incident matches a label when their spans overlap (with one window of tolerance on each
 * side) and they share a client or a consumer, or the label's endpoint is among the incident's.
 */
export function incidentMatchesLabel(incident: ReportedIncident, label: PlantedLabel, toleranceMs: number): boolean {
  const iStart = Date.parse(incident.start);
  const iEnd = Date.parse(incident.end);
  const lStart = Date.parse(label.start);
  const lEnd = Date.parse(label.end);
  if ([iStart, iEnd, lStart, lEnd].some(Number.isNaN)) return false;
  if (overlapMs(iStart - toleranceMs, iEnd + toleranceMs, lStart, lEnd) < 0) return false;
  const clients = new Set(incident.clients ?? []);
  if (label.clients.some((c) => clients.has(c))) return true;
  const consumers = new Set(incident.consumers ?? []);
  if (label.consumers.some((c) => consumers.has(c))) return true;
  if (label.endpoint === null) return false;
  const wanted = label.endpoint;
  const endpoints = [...(incident.endpoints ?? []), ...(incident.endpoint ? [incident.endpoint] : [])];
  return endpoints.some((e) => sameEndpoint(e, wanted));
}

/**
 * Same method, same number of path segments, and each segment equal or a placeholder on
 * either side: a detector that templates `/api/v1/users/me` as `/api/{param}/users/me`, or
 * `/images/products/7.jpg` as `/images/products/{param}`, still names the planted endpoint.
 */
export function sameEndpoint(a: string, b: string): boolean {
  const left = normalizeEndpoint(a);
  const right = normalizeEndpoint(b);
  if (left === right) return true;
  const split = (e: string): [string, string[]] => {
    const space = e.indexOf(' ');
    return [space > 0 ? e.slice(0, space) : '', (space > 0 ? e.slice(space + 1) : e).split('/')];
  };
  const [leftMethod, leftSegments] = split(left);
  const [rightMethod, rightSegments] = split(right);
  if (leftMethod !== rightMethod || leftSegments.length !== rightSegments.length) return false;
  return leftSegments.every((segment, i) => {
    const other = rightSegments[i] as string;
    return segment === other || (segment.includes('{}') && segment !== '{}' ? matchesShape(segment, other) : segment === '{}') || (other.includes('{}') && other !== '{}' ? matchesShape(other, segment) : other === '{}');
  });
}

/** `app.{}.js` against `app.3f9c.js` or `{}`: the fixed parts must be there around the placeholder. */
function matchesShape(shape: string, segment: string): boolean {
  if (segment === '{}') return true;
  const pattern = new RegExp(`^${shape.split('{}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return pattern.test(segment);
}

function emptyKind(): KindFigures {
  return { planted: 0, recalled: 0, matched: 0, kindRight: 0, reportedKinds: [], ranks: [] };
}

/**
 * `incidents` in rank order. Each incident matches at most one label: an unmatched label before
 * one already matched, then one of the reported kind, then the largest overlap. A second incident
 * on an already-matched label still counts as a true finding for precision (it is not a false alarm).
 */
export function matchIncidents(labels: readonly PlantedLabel[], incidents: readonly ReportedIncident[], toleranceMs: number): MatchResult {
  const planted = labels.length;
  const considered = incidents.slice(0, 2 * planted);
  const firstRank: Array<number | null> = labels.map(() => null);
  const assignment: Array<number | null> = [];
  for (const [rankIndex, incident] of considered.entries()) {
    let best: number | null = null;
    let bestKey: [number, number, number] = [-1, -1, -Infinity];
    for (const [labelIndex, label] of labels.entries()) {
      if (!incidentMatchesLabel(incident, label, toleranceMs)) continue;
      const overlap = overlapMs(Date.parse(incident.start), Date.parse(incident.end), Date.parse(label.start), Date.parse(label.end));
      const key: [number, number, number] = [firstRank[labelIndex] === null ? 1 : 0, label.kind === incident.kind ? 1 : 0, overlap];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))) {
        best = labelIndex;
        bestKey = key;
      }
    }
    assignment.push(best);
    if (best !== null && firstRank[best] === null) firstRank[best] = rankIndex + 1;
  }

  const perKind: Record<string, KindFigures> = {};
  for (const [index, label] of labels.entries()) {
    const figures = (perKind[label.kind] ??= emptyKind());
    figures.planted++;
    figures.ranks.push(firstRank[index] ?? null);
    if (firstRank[index] !== null) figures.recalled++;
  }
  let matched = 0;
  let kindRight = 0;
  for (const [rankIndex, labelIndex] of assignment.entries()) {
    if (labelIndex === null) continue;
    const label = labels[labelIndex] as PlantedLabel;
    const incident = considered[rankIndex] as ReportedIncident;
    const figures = perKind[label.kind] as KindFigures;
    matched++;
    figures.matched++;
    figures.reportedKinds.push(incident.kind);
    if (incident.kind === label.kind) {
      kindRight++;
      figures.kindRight++;
    }
  }
  const recalled = firstRank.filter((rank) => rank !== null).length;
  const precisionConsidered = Math.min(planted, incidents.length);
  const precisionMatched = assignment.slice(0, precisionConsidered).filter((a) => a !== null).length;
  return {
    planted,
    reported: incidents.length,
    assignment,
    recalled,
    recall: planted === 0 ? 1 : recalled / planted,
    precision: precisionConsidered === 0 ? null : precisionMatched / precisionConsidered,
    precisionConsidered,
    precisionMatched,
    matched,
    kindRight,
    kindAccuracy: matched === 0 ? null : kindRight / matched,
    perKind,
  };
}

/** High and critical incidents: what must stay at most one on a clean day. */
export function countHighOrCritical(incidents: readonly ReportedIncident[]): number {
  return incidents.filter((incident) => incident.severity === 'high' || incident.severity === 'critical').length;
}

/** `5m`, `300s`, `1h`, `90` (seconds) → ms; null when unreadable. */
export function parseWindowMs(window: unknown): number | null {
  if (typeof window === 'number' && Number.isFinite(window)) return window * 1000;
  if (typeof window !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(window.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  return value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
}
