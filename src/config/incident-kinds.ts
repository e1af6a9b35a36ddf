import type { IncidentKind } from '../types.js';

/**
 * Every `IncidentKind`, at run time. types.ts only has the union; rules and the
 * config schema need the list. The two type checks below fail to compile when a
 * kind is added to the union and not here (or the other way round).
 */
export const INCIDENT_KINDS = [
  'credential_attack',
  'enumeration',
  'scanner',
  'volumetric',
  'error_spike',
  'latency_regression',
  'data_exfiltration',
  'new_endpoint',
  'injection',
  'key_misuse',
  'tampering',
  'traffic_drop',
  'other',
] as const satisfies readonly IncidentKind[];

type MissingKinds = Exclude<IncidentKind, (typeof INCIDENT_KINDS)[number]>;
const everyKindListed: MissingKinds extends never ? true : MissingKinds = true;
void everyKindListed;

export function isIncidentKind(value: string): value is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(value);
}
