// A payload that breaks the backend makes it answer 500: the attacker's own requests then raise
// the route's error rate. Errors nobody but a flagged client got are that attack's outcome (worth
// saying: something may have hit), not an outage: the route's error window is folded into the
// attack's finding as one line of evidence, and no operational incident is made of it.

import { formatCount, formatCountOf } from '../text/format-values.js';
import { activeOf, type WindowCandidate } from './window-candidate.js';
import { ATTACK_EVIDENCE } from './incident-signals.js';

/** The candidates without endpoint error windows whose every 5xx went to a client an attack finding names then. */
export function withoutAttackersOwnErrors(candidates: readonly WindowCandidate[]): WindowCandidate[] {
  const attacks = candidates.filter((c) => c.entity === 'client' && c.evidence.some((e) => ATTACK_EVIDENCE.has(e.feature)));
  if (attacks.length === 0) return [...candidates];
  const folded = new Map<WindowCandidate, { route: string; errors: number }[]>();
  const out: WindowCandidate[] = [];
  for (const c of candidates) {
    const attack = isOwnErrorWindow(c) ? attacks.find((a) => a.clients.includes(c.erroredClient!) && activeOf(a).includes(c.index)) : undefined;
    if (attack === undefined) {
      out.push(c);
      continue;
    }
    const list = folded.get(attack) ?? [];
    list.push({ route: c.key, errors: c.errors5xx ?? 0 });
    folded.set(attack, list);
  }
  return out.map((c) => {
    const errors = folded.get(c);
    if (!errors) return c;
    const total = errors.reduce((n, e) => n + e.errors, 0);
    const routes = [...new Set(errors.map((e) => e.route))].sort();
    const text = `the server answered 5xx to ${formatCountOf(total, 'request')} of ${c.clients.length === 1 ? 'this client' : 'these clients'} on ${routes.slice(0, 3).join(', ')}${routes.length > 3 ? ` and ${formatCount(routes.length - 3)} more` : ''}, and to no one else there: the attack's outcome, not an outage`;
    return { ...c, evidence: [...c.evidence, { feature: 'attack_5xx', observed: total, baseline: null, unit: 'requests', text, significance: 0, contribution: 0 }] };
  });
}

/** An endpoint window read for its errors alone, every 5xx of which went to one client. */
function isOwnErrorWindow(c: WindowCandidate): boolean {
  return c.entity === 'endpoint' && c.kind === 'error_spike' && typeof c.erroredClient === 'string' && c.evidence.every((e) => e.feature === 'error_5xx_ratio' || e.feature === 'volume' || e.feature === 'latency');
}
