// Duration strings: protobuf Duration (GCP `"0.025376s"`) and Go durations
// (Caddy `duration_format: string`, old Traefik `1.053089843s`, `6.45837ms`).

import { roundToNanosecond } from './coerce.js';

const GO_DURATION = /^(?:(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** `"0.025s"`, `"1m2.5s"`, `"350µs"` → ms; NaN when the string is not a duration with a unit. */
export function parseDurationString(s: string): number {
  if (s.length === 0 || s.length > 64 || !GO_DURATION.test(s)) return NaN;
  let total = 0;
  for (const match of s.matchAll(GO_DURATION_PART)) {
    total += Number(match[1]) * MS_PER_UNIT[match[2]!]!;
  }
  return roundToNanosecond(total);
}
