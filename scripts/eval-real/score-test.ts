// What one spliced run says about its hub test: where the expected addresses landed, and how
// many benign background addresses sit in high/critical incidents.

export interface ReportIncident {
  rank?: number;
  kind: string;
  severity: string;
  clients?: string[];
  requests?: number;
  summary?: string;
}

export interface TestOutcome {
  test: string;
  lines: number;
  expected: string[];
  /** Expected addresses that are in at least one incident. */
  found: string[];
  /** Rank of the best incident holding an expected address (1 = first), null when none does. */
  bestRank: number | null;
  /** Kind and severity of that incident. */
  bestKind: string | null;
  bestSeverity: string | null;
  /** That incident's one-line summary, to read what the report said about the attack. */
  bestSummary: string | null;
  inIncident: boolean;
  inTopFive: boolean;
  /** Background addresses in high or critical incidents (the test's own addresses excepted). */
  benignHighCritical: string[];
  incidents: number;
  highCritical: number;
  gapsCut: number;
  seconds: number;
}

export const TOP = 5;

export function scoreTest(
  test: { name: string; expected: string[]; lines: Array<{ client: string }> },
  incidents: readonly ReportIncident[],
  backgroundClients: ReadonlySet<string>,
  extra: { gapsCut: number; seconds: number },
): TestOutcome {
  const expected = new Set(test.expected);
  const own = new Set(test.lines.map((l) => l.client));
  const found = new Set<string>();
  const benign = new Set<string>();
  let best: { rank: number; incident: ReportIncident } | null = null;
  let highCritical = 0;
  incidents.forEach((incident, index) => {
    const rank = incident.rank ?? index + 1;
    const clients = incident.clients ?? [];
    const holds = clients.filter((c) => expected.has(c));
    for (const c of holds) found.add(c);
    if (holds.length > 0 && (best === null || rank < best.rank)) best = { rank, incident };
    if (incident.severity === 'high' || incident.severity === 'critical') {
      highCritical++;
      for (const c of clients) if (backgroundClients.has(c) && !own.has(c)) benign.add(c);
    }
  });
  const chosen = best as { rank: number; incident: ReportIncident } | null;
  return {
    test: test.name,
    lines: test.lines.length,
    expected: test.expected,
    found: [...found].sort(),
    bestRank: chosen?.rank ?? null,
    bestKind: chosen?.incident.kind ?? null,
    bestSeverity: chosen?.incident.severity ?? null,
    bestSummary: chosen?.incident.summary ?? null,
    inIncident: found.size > 0,
    inTopFive: chosen !== null && chosen.rank <= TOP,
    benignHighCritical: [...benign].sort(),
    incidents: incidents.length,
    highCritical,
    gapsCut: extra.gapsCut,
    seconds: extra.seconds,
  };
}

export const FLOORS = { inIncident: 0.9, inTopFive: 0.8, benignHighCriticalMedian: 2 } as const;

export interface EvalSummary {
  tests: number;
  inIncident: number;
  inTopFive: number;
  inIncidentShare: number;
  inTopFiveShare: number;
  benignHighCriticalMedian: number;
  benignHighCriticalMax: number;
  pass: { inIncident: boolean; inTopFive: boolean; benign: boolean };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarizeOutcomes(outcomes: readonly TestOutcome[]): EvalSummary {
  const n = outcomes.length;
  const inIncident = outcomes.filter((o) => o.inIncident).length;
  const inTopFive = outcomes.filter((o) => o.inTopFive).length;
  const benign = outcomes.map((o) => o.benignHighCritical.length);
  const benignMedian = median(benign);
  return {
    tests: n,
    inIncident,
    inTopFive,
    inIncidentShare: n === 0 ? 0 : inIncident / n,
    inTopFiveShare: n === 0 ? 0 : inTopFive / n,
    benignHighCriticalMedian: benignMedian,
    benignHighCriticalMax: Math.max(0, ...benign),
    pass: {
      inIncident: n > 0 && inIncident / n >= FLOORS.inIncident,
      inTopFive: n > 0 && inTopFive / n >= FLOORS.inTopFive,
      benign: benignMedian <= FLOORS.benignHighCriticalMedian,
    },
  };
}
