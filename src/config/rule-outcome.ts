/** A rule named in a warning: its index in its list and its reason. */
export interface RuleRef {
  index: number;
  reason: string;
}

export interface ExpiredRule extends RuleRef {
  /** The rule's `until` as written in the config. */
  until: string;
}

/** Which list of the config a rule index points into. */
export type RuleList = 'suppress' | 'ignore';

/** Every endpoint an incident touches: its main `endpoint` and its `endpoints`, once each. */
export function incidentEndpoints(incident: { endpoint: string | null; endpoints: readonly string[] }): string[] {
  const all = new Set(incident.endpoints);
  if (incident.endpoint !== null) all.add(incident.endpoint);
  return [...all];
}
