import type { Severity } from '../types.js';
import { SEVERITIES } from '../types.js';

/**
 * The score bands (documented in the README): critical ≥ 85, high ≥ 70, medium ≥ 50, low below.
 * The score says how unusual an incident is; the rule below says how much that may matter.
 */
export const CRITICAL_SCORE = 85;
export const HIGH_SCORE = 70;
export const MEDIUM_SCORE = 50;

/**
 * Without a signal (an attack, an operational impact, or a volume change large in absolute terms)
 * an incident is at most medium: "17 requests vs 0 normally" is unusual, and nothing to act on.
 */
export const UNSIGNALLED_CEILING: Severity = 'medium';
/**
 * Traffic with a benign explanation (a crawler, a download in byte ranges, a page's assets…) and
 * no attack or operational signal is at most low: its volume is explained, so nothing is left.
 */
export const BENIGN_CEILING: Severity = 'low';
/**
 * A few refused probes from one client (a `.env`, an admin page, a tool's first requests) are what
 * every public site sees all day: an attack signal, but at most medium on its own. Many clients
 * doing it is a campaign, and a longer run is a scan; both keep their band.
 */
export const BACKGROUND_PROBING_CEILING: Severity = 'medium';
/**
 * Severity and confidence agree: below this confidence (little history, few requests behind the
 * judgement) an incident is at most high. Critical is what someone acts on at once.
 */
export const MIN_CRITICAL_CONFIDENCE = 0.3;
/**
 * An attack many addresses took part in (a campaign of at least this many) is at least high,
 * whatever its score: each address sent one or two requests, so how unusual each looked says
 * little, and that many addresses doing the same unusual thing is what someone should look at.
 */
export const DISTRIBUTED_ATTACK_CLIENTS = 20;

/**
 * A request count judged on thin history (confidence below this: a client or route seen in a
 * couple of windows, a handful of requests) with no signal is at most low: "5 requests in 5 min
 * vs 0 normally" from a visitor reading one page is a guess about a guess.
 */
export const THIN_VOLUME_CONFIDENCE = 0.3;
export const THIN_VOLUME_CEILING: Severity = 'low';

/** Severity from the 0–100 score alone (the band, before the rule). */
export function severityOf(score: number): Severity {
  if (score >= CRITICAL_SCORE) return 'critical';
  if (score >= HIGH_SCORE) return 'high';
  if (score >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

/** What severity reads of an incident besides its score (see incident-signals.ts). */
export interface SeverityInputs {
  score: number;
  confidence: number;
  /** Why the incident matters, each null when absent: an attack, an operational impact, a large volume change. */
  attack: string | null;
  operational: string | null;
  volume: string | null;
  /** A benign explanation fits the incident's traffic. */
  benign: boolean;
  /** The attack signal is only background probing (see BACKGROUND_PROBING_CEILING). */
  backgroundProbing?: boolean;
  /** Addresses of the campaign behind the attack signal, 0 or absent when it is not a campaign's. */
  campaignClients?: number;
  /** The incident is a request count only (a flood), with no error, latency or probing reading. */
  volumeOnly?: boolean;
}

export interface SeverityJudgement {
  severity: Severity;
  /** Why the severity is below the score's band, in plain words; null when it is not. */
  lowered: string | null;
  /** Why the severity is above the score's band, in plain words; null when it is not. */
  raised: string | null;
  /** The signal behind the incident ("attack: …"), whatever its severity; null without one. */
  signal: string | null;
}

/** Severity needs a signal: the score's band, lowered by the rules above. */
export function judgeSeverity(inputs: SeverityInputs): SeverityJudgement {
  const band = severityOf(inputs.score);
  let severity = band;
  const reasons: string[] = [];
  const signalled = inputs.attack !== null || inputs.operational !== null || inputs.volume !== null;
  if (inputs.benign && inputs.attack === null && inputs.operational === null) {
    if (lower(severity, BENIGN_CEILING)) reasons.push('a benign explanation fits and there is no attack or operational signal');
    severity = atMost(severity, BENIGN_CEILING);
  } else if (!signalled && inputs.volumeOnly && inputs.confidence < THIN_VOLUME_CONFIDENCE) {
    if (lower(severity, THIN_VOLUME_CEILING)) reasons.push(`a request count on thin history (confidence ${inputs.confidence.toFixed(2)}) with no attack signal, operational impact or large volume change`);
    severity = atMost(severity, THIN_VOLUME_CEILING);
  } else if (!signalled) {
    if (lower(severity, UNSIGNALLED_CEILING)) reasons.push('no attack signal, operational impact or large volume change');
    severity = atMost(severity, UNSIGNALLED_CEILING);
  } else if (inputs.backgroundProbing && inputs.operational === null && inputs.volume === null) {
    if (lower(severity, BACKGROUND_PROBING_CEILING)) reasons.push('a short run from one client (a few refused probes, login posts or requests that are not HTTP) is internet background');
    severity = atMost(severity, BACKGROUND_PROBING_CEILING);
  }
  let raised: string | null = null;
  if (inputs.attack !== null && (inputs.campaignClients ?? 0) >= DISTRIBUTED_ATTACK_CLIENTS && !severityAtLeast(severity, 'high')) {
    raised = `high, not ${severity} (score ${Math.round(inputs.score)}): an attack from ${inputs.campaignClients} addresses is a distributed campaign`;
    severity = 'high';
  }
  if (inputs.confidence < MIN_CRITICAL_CONFIDENCE && severity === 'critical') {
    reasons.push(`confidence ${inputs.confidence.toFixed(2)} is below ${MIN_CRITICAL_CONFIDENCE}`);
    severity = 'high';
  }
  // Volume a benign explanation accounts for is no signal left.
  const volume = inputs.volume !== null && !inputs.benign ? `volume: ${inputs.volume}` : null;
  const signal = inputs.attack !== null ? `attack: ${inputs.attack}` : inputs.operational !== null ? `operational impact: ${inputs.operational}` : volume;
  return {
    severity,
    lowered: severity === band || raised !== null ? null : `${severity}, not ${band} (score ${Math.round(inputs.score)}): ${reasons.join('; ')}`,
    raised,
    signal,
  };
}

export function severityAtLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}

/** Severity rank for sorting: critical 3 … low 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function atMost(severity: Severity, ceiling: Severity): Severity {
  return severityAtLeast(severity, ceiling) ? ceiling : severity;
}

function lower(severity: Severity, ceiling: Severity): boolean {
  return severity !== ceiling && severityAtLeast(severity, ceiling);
}
