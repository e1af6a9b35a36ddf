import type { Severity } from '../types.js';
import { SEVERITIES } from '../types.js';

/**
 * Severity from the 0–100 score. Thresholds (documented in the README):
 * critical ≥ 85, high ≥ 70, medium ≥ 50, low below.
 */
export function severityOf(score: number): Severity {
  if (score >= 85) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 50) return 'medium';
  return 'low';
}

export function severityAtLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}
