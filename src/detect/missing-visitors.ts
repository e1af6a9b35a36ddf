// A visitor of a site that lacks some of its page's files asks for them again on every page view
// (a browser caches what it got, never a 404): a few minutes of reading makes a burst whose
// busiest routes are the missing files. Such a burst is the visitor feeling the missing-files
// finding (missing-resources.ts), not a flood of its own: the finding keeps the visitor, with its
// requests, and says how many bursts it accounts for.

import { formatCount, formatCountOf } from '../text/format-values.js';
import { claimKey, claimsOf, type WindowCandidate } from './window-candidate.js';
import { ATTACK_EVIDENCE } from './incident-signals.js';

/** A burst is the finding's when the finding claims at least this share of the burst's requests… */
const FELT_SHARE = 1 / 3;

/** …and its busiest route is one of the finding's files. Returns the candidates without such bursts. */
export function withoutMissingFileBursts(candidates: readonly WindowCandidate[]): WindowCandidate[] {
  const findings = candidates.filter((c) => c.evidence.some((e) => e.feature === 'missing_resource'));
  if (findings.length === 0) return [...candidates];
  const absorbed = new Map<WindowCandidate, WindowCandidate[]>();
  const out: WindowCandidate[] = [];
  for (const c of candidates) {
    const finding = isVolumeBurst(c) ? findings.find((f) => claimsBurst(f, c)) : undefined;
    if (finding === undefined) {
      out.push(c);
      continue;
    }
    const list = absorbed.get(finding) ?? [];
    list.push(c);
    absorbed.set(finding, list);
  }
  return out.map((c) => {
    const bursts = absorbed.get(c);
    if (!bursts) return c;
    const sizes = bursts.map((b) => b.requests).sort((a, b) => b - a);
    const clients = new Set(bursts.map((b) => b.key)).size;
    const text = `${formatCountOf(bursts.length, 'burst')} of ${formatCountOf(clients, 'visitor')} (${sizes.slice(0, 3).map(formatCount).join(', ')}${sizes.length > 3 ? ', …' : ''} requests in a window) were page views asking for these files again, not floods`;
    return { ...c, evidence: [...c.evidence, { feature: 'missing_visits', observed: bursts.length, baseline: null, unit: 'windows', text, significance: 0, contribution: 0 }] };
  });
}

/** A client window read as volume alone (no attack reading, no campaign). */
function isVolumeBurst(c: WindowCandidate): boolean {
  return c.entity === 'client' && c.kind === 'volumetric' && c.campaign === undefined && c.signature === undefined && !c.evidence.some((e) => ATTACK_EVIDENCE.has(e.feature));
}

function claimsBurst(finding: WindowCandidate, burst: WindowCandidate): boolean {
  const top = burst.endpoints[0];
  if (top === undefined || !finding.endpoints.includes(top)) return false;
  const actor = claimKey('client', burst.key);
  let claimed = 0;
  for (const claim of claimsOf(finding)) if (claim.actor === actor && claim.index >= burst.index && claim.index <= burst.lastIndex) claimed += claim.requests;
  return claimed > 0 && claimed >= FELT_SHARE * burst.requests;
}
