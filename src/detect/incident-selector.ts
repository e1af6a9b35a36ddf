import type { IncidentSelector, SelectorTerm } from '../types.js';
import type { RequestClaim } from './window-candidate.js';
import { formatLineRanges } from '../text/line-ranges.js';


/**
 * The selector of an incident from the claims it counted: per (actor, window) the claims of the
 * member that counted most there (as `requests` is summed), so `show` prints exactly `requests`
 * lines. Windows of an actor counted in full become time-range terms (consecutive windows
 * joined); request-level claims become line ranges per file.
 */
export function selectorOf(memberClaims: readonly (readonly RequestClaim[])[], windowMs: number): IncidentSelector {
  const winners = new Map<string, { requests: number; claims: RequestClaim[] }>();
  for (const claims of memberClaims) {
    const own = new Map<string, RequestClaim[]>();
    for (const claim of claims) {
      const key = `${claim.index}\u0000${claim.actor}`;
      const list = own.get(key);
      if (list === undefined) own.set(key, [claim]);
      else list.push(claim);
    }
    for (const [key, list] of own) {
      const requests = list.reduce((sum, claim) => sum + claim.requests, 0);
      const best = winners.get(key);
      if (best === undefined || requests > best.requests) winners.set(key, { requests, claims: list });
    }
  }
  const fullWindows = new Map<string, number[]>();
  const partTerms: SelectorTerm[] = [];
  const lines = new Map<string, number[]>();
  for (const [key, { claims }] of winners) {
    const cut = key.indexOf('\u0000');
    const index = Number(key.slice(0, cut));
    const actor = key.slice(cut + 1);
    if (claims.some((claim) => claim.lines === undefined && claim.terms === undefined)) {
      const list = fullWindows.get(actor);
      if (list === undefined) fullWindows.set(actor, [index]);
      else list.push(index);
      continue;
    }
    for (const claim of claims) {
      if (claim.terms !== undefined) partTerms.push(...claim.terms);
      for (const ref of claim.lines ?? []) {
        const list = lines.get(ref.file);
        if (list === undefined) lines.set(ref.file, [ref.line]);
        else list.push(ref.line);
      }
    }
  }
  const terms: SelectorTerm[] = [];
  for (const [actor, indexes] of [...fullWindows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const term = actorTerm(actor);
    if (term === null) continue;
    indexes.sort((a, b) => a - b);
    for (let i = 0; i < indexes.length; ) {
      let j = i;
      while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j += 1;
      terms.push({ ...term, start: new Date(indexes[i]! * windowMs).toISOString(), end: new Date((indexes[j]! + 1) * windowMs).toISOString() });
      i = j + 1;
    }
  }
  const selector: IncidentSelector = { terms: [...terms, ...partTerms] };
  if (lines.size > 0) {
    selector.lines = {};
    for (const [file, numbers] of [...lines].sort((a, b) => (a[0] < b[0] ? -1 : 1))) selector.lines[file] = formatLineRanges(numbers);
  }
  return selector;
}

/** `client\0203.0.113.7` → `{ client: '203.0.113.7' }`; null for an actor kind a selector cannot name. */
function actorTerm(actor: string): Pick<SelectorTerm, 'client' | 'consumer' | 'endpoint'> | null {
  const cut = actor.indexOf('\u0000');
  const entity = actor.slice(0, cut);
  const key = actor.slice(cut + 1);
  if (entity === 'client') return { client: key };
  if (entity === 'consumer') return { consumer: key };
  if (entity === 'endpoint') return { endpoint: key };
  return null;
}
