import type { LogRecord, RequestHeader, SourceRef } from '../types.js';
import { InjectionDetector, type InjectionFlag } from './injection/injection-detector.js';
import { scanRequest } from './injection/scan-request.js';
import { describeFinding, type FindingClass } from './injection/findings.js';
import { pathMayInject, queryPartMayInject } from './injection/precheck.js';
import { splitQuery } from './injection/classify.js';
import { endpointKey } from '../normalize/endpoint-key.js';
import { claimKey, type WindowCandidate } from './window-candidate.js';
import type { InjectionScanResult, InjectionScanSetup } from './injection/injection-scan-protocol.js';
import { clamp01 } from '../features/evidence-candidate.js';
import { formatCount, formatCountOf } from '../text/format-values.js';
import { truncate } from '../text/sanitize.js';
import { compactCopy } from '../normalize/compact-copy.js';
import { ProbeTracker, targetTail } from './campaigns/probe-tracker.js';
import { findCampaigns } from './campaigns/find-campaigns.js';
import { FormSubmissionTracker } from './campaigns/form-tracker.js';
import { findFormCampaigns } from './campaigns/find-form-campaigns.js';
import { findMissingResources } from './missing-resources.js';
import { AgentRotationTracker } from './campaigns/agent-rotation.js';
import { AuthFailureTracker } from './campaigns/auth-failure-bursts.js';
import { ClientStates } from './campaigns/client-state.js';

/** Requests kept for inspection once the profiles are learned (analyze mode); beyond it, the rest are inspected by rules only. */
const MAX_PENDING = 200_000;
/**
 * Flagged requests kept to group into incidents. A log that is mostly an attack (a sqlmap
 * run of millions of requests) must not take memory per line: past this, flagged requests
 * are counted, and the run says so, but not grouped.
 */
export const MAX_FLAGGED = 200_000;
/** Flagged requests of one client further apart than this start a new incident. */
const SPLIT_GAP_MS = 30 * 60_000;
/** A client flagged by the learned profiles alone needs this many distinct targets to be an incident. */
const MIN_PROFILE_ONLY_TARGETS = 3;
/** Finding classes that say "looked for something" rather than "sent an attack". */
const WEAK_CLASSES: ReadonlySet<FindingClass> = new Set(['admin-probe']);
/** Finding classes of a scan (a tool, files and pages asked for), as opposed to a payload. */
const PROBE_CLASSES: ReadonlySet<FindingClass> = new Set(['tool', 'sensitive-file', 'admin-probe', 'backdoor', 'cve-probe', 'tech-probe', 'protocol']);

/**
 * What inspecting a request needs of it. Requests waiting for the profiles are held as
 * these, not as records: up to MAX_PENDING of them, so their repeated strings (agents,
 * clients, routes, endpoints) are stored once and nothing keeps a log line alive.
 */
interface PendingRequest {
  route: string | null;
  path: string;
  query: string | null;
  client: string | null;
  timeMs: number;
  source: SourceRef;
  status: number | null;
  userAgent: string | null;
  referer: string | null;
  host: string | null;
  headers: readonly RequestHeader[] | undefined;
  method: string | null;
  invalidProtocol: string | undefined;
  endpoint: string;
}

/** Distinct repeated strings of waiting requests stored once; past this, copies. */
const SHARED_STRINGS_CAP = 100_000;

interface FlaggedRequest {
  client: string;
  timeMs: number;
  endpoint: string;
  path: string;
  target: string;
  flag: InjectionFlag;
  source: SourceRef;
  status: number | null;
  userAgent: string | null;
}

/** Whether a request that no rule flagged is worth the learned profiles' look: analyze inspects only these (and the ruled ones). */
export function mayInject(record: LogRecord): boolean {
  if (record.path !== null && pathMayInject(record.path)) return true;
  if (record.query === null || record.query === '') return false;
  for (const part of splitQuery(record.query)) {
    if (queryPartMayInject(part.name) || (part.value !== null && queryPartMayInject(part.value))) return true;
  }
  return false;
}

/**
 * Looks inside every request target for injection. In analyze mode the detector learns from
 * all traffic while suspicious-looking requests wait, and are inspected once learning is done;
 * in score mode the detector comes from the baseline and inspects as records stream by.
 */
export class InjectionCollector {
  private readonly pending: PendingRequest[] = [];
  private readonly sharedStrings = new Map<string, string>();
  private readonly flagged: FlaggedRequest[] = [];
  /** What the trackers below keep per client, in one place (one lookup of a request's client). */
  private readonly clients = new ClientStates();
  /** Paths the site does not serve and who asks for them: campaigns (requests no rule flagged). */
  private readonly probes = new ProbeTracker(this.clients);
  /** Form submissions and the page loads just before them: form-abuse campaigns. */
  private readonly forms = new FormSubmissionTracker(this.clients);
  /** Addresses changing their User-Agent on nearly every request, and refused authentication again and again. */
  private readonly agentRotation = new AgentRotationTracker(this.clients);
  private readonly authFailures = new AuthFailureTracker();
  /** Flagged requests past `maxFlagged`, counted but not grouped. */
  unstoredFlagged = 0;

  constructor(
    readonly detector: InjectionDetector,
    private readonly mode: 'learn' | 'analyze' | 'score',
    private readonly maxFlagged = MAX_FLAGGED,
  ) {}

  observe(record: LogRecord): void {
    if (record.path === null) return;
    // Rules over every field need no learning: one scan decides both what is learned and what is inspected.
    const ruled = scanRequest(record) !== null;
    if (this.mode !== 'score') this.detector.learnRequest(record, ruled);
    if (this.mode === 'learn') return;
    this.agentRotation.observe(record);
    this.authFailures.observe(record);
    const { client, method, path, referer, userAgent, status, timeMs, source } = record;
    this.forms.observe({ client, method, path, endpoint: method === 'POST' ? endpointKey(record) : '', referer, userAgent, status, timeMs, source });
    if (!(ruled || mayInject(record))) {
      this.probes.observe({ client, method, userAgent, path, status, timeMs, source });
      return;
    }
    if (this.mode === 'analyze' && this.pending.length < MAX_PENDING) {
      this.pending.push({
        route: this.shared(record.route),
        path: compactCopy(record.path),
        query: record.query === null ? null : compactCopy(record.query),
        client: this.shared(record.client),
        timeMs: record.timeMs,
        source: record.source,
        status: record.status,
        userAgent: this.shared(record.userAgent),
        referer: record.referer === null ? null : compactCopy(record.referer),
        host: this.shared(record.host),
        headers: record.headers,
        method: this.shared(record.method),
        invalidProtocol: record.invalidProtocol,
        endpoint: this.shared(endpointKey(record)),
      });
    } else {
      const { route, path, query, client, timeMs, source, status, userAgent, referer, host, headers, method, invalidProtocol } = record;
      this.inspect({ route, path, query, client, timeMs, source, status, userAgent, referer, host, headers, method, invalidProtocol, endpoint: endpointKey(record) });
    }
  }

  private shared<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.sharedStrings.get(value);
    if (known !== undefined) return known as T;
    const copy = compactCopy(value);
    if (this.sharedStrings.size < SHARED_STRINGS_CAP) this.sharedStrings.set(copy, copy);
    return copy as T;
  }

  private inspect(record: PendingRequest): void {
    const flag = this.detector.inspectRequest(record);
    const method = record.endpoint.slice(0, Math.max(0, record.endpoint.indexOf(' '))) || null;
    // Probes (files and pages asked for, a tool's agent) with no payload are what campaigns are made of; a payload is grouped by its finding.
    const probeOnly = flag !== null && flag.ruleMatched && flag.findings.length > 0 && flag.findings.every((x) => PROBE_CLASSES.has(x.class));
    const probeRule = probeOnly ? (flag.findings.find((x) => x.class !== 'tool') ?? flag.findings[0]!).rule : null;
    this.probes.observe(
      { client: record.client, method, userAgent: record.userAgent, path: record.path, status: record.status, timeMs: record.timeMs, source: record.source },
      flag === null || probeOnly ? { flagged: false, rule: probeRule } : { flagged: true },
    );
    if (!flag) return;
    if (this.flagged.length >= this.maxFlagged) {
      this.unstoredFlagged++;
      return;
    }
    this.flagged.push({
      client: record.client ?? '(unknown)',
      timeMs: record.timeMs,
      endpoint: record.endpoint,
      path: record.path,
      target: record.query === null ? record.path : `${record.path}?${record.query}`,
      flag,
      source: record.source,
      status: record.status,
      userAgent: record.userAgent,
    });
  }

  /** Inspects what waited, then groups flagged requests per client into incident candidates. */
  finish(windowMs: number): WindowCandidate[] {
    for (const request of this.pending) this.inspect(request);
    this.pending.length = 0;
    const summary = this.probes.summary();
    const campaigns = findCampaigns(summary, windowMs, this.agentRotation.clientsPerAgent());
    const byClient = new Map<string, FlaggedRequest[]>();
    for (const f of this.flagged) {
      // A probe of a campaign's path is the campaign's line, not its client's own incident as well.
      if (campaigns.paths.has(f.path) && f.flag.findings.length > 0 && f.flag.findings.every((x) => PROBE_CLASSES.has(x.class))) continue;
      const list = byClient.get(f.client) ?? [];
      list.push(f);
      byClient.set(f.client, list);
    }
    const candidates: WindowCandidate[] = [];
    // The requests of each signature over every client: one finding from several addresses is told as a whole.
    const signed = new Map<string, { requests: FlaggedRequest[]; candidates: WindowCandidate[] }>();
    for (const [client, list] of [...byClient].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      list.sort((a, b) => a.timeMs - b.timeMs);
      const runs: FlaggedRequest[][] = [];
      let run: FlaggedRequest[] = [];
      for (const f of list) {
        if (run.length > 0 && f.timeMs - run[run.length - 1]!.timeMs > SPLIT_GAP_MS) {
          runs.push(run);
          run = [];
        }
        run.push(f);
      }
      runs.push(run);
      // The same finding repeated (same classes on the same target) is one candidate with its occurrences.
      const bySignature = new Map<string, FlaggedRequest[]>();
      for (const r of runs) {
        const signature = runSignature(r);
        if (signature === null) pushCandidate(candidates, client, r, windowMs, null);
        else bySignature.set(signature, [...(bySignature.get(signature) ?? []), ...r]);
      }
      for (const [signature, requests] of bySignature) {
        const before = candidates.length;
        pushCandidate(candidates, client, requests, windowMs, signature);
        if (candidates.length === before) continue;
        const whole = signed.get(signature) ?? { requests: [], candidates: [] };
        whole.requests.push(...requests);
        whole.candidates.push(candidates[candidates.length - 1]!);
        signed.set(signature, whole);
      }
    }
    for (const whole of signed.values()) {
      if (whole.candidates.length < 2) continue;
      // Each address's candidate leads with the whole finding: the incident they make counts all of them.
      const text = findingText(whole.requests, whole.candidates.length);
      for (const c of whole.candidates) c.evidence[0] = { ...c.evidence[0]!, text };
    }
    candidates.push(...campaigns.candidates, ...findFormCampaigns(this.forms.summary(), windowMs));
    candidates.push(...findMissingResources(summary, windowMs, campaigns.paths));
    candidates.push(...this.agentRotation.candidates(windowMs), ...this.authFailures.candidates(windowMs));
    return candidates;
  }

  /** `finish`, with the learned detector when learning. */
  result(windowMs: number): InjectionScanResult {
    const candidates = this.finish(windowMs);
    return { candidates, detector: this.mode === 'learn' ? this.detector.toJSON() : null, unstoredFlagged: this.unstoredFlagged };
  }
}

/**
 * Payload classes that are a whole exploit in a header, whatever the path: Shellshock's `() { :;};`
 * carries a command (and often perl or PHP code), a JNDI lookup its class loader. Sent in the
 * User-Agent or Referer to `/cgi-bin/php5` or to `/`, by one address or ten, months apart, it is
 * one finding an analyst names by its class and field, not by the path the tool happened to try.
 */
const HEADER_EXPLOIT_CLASSES: readonly FindingClass[] = ['shellshock', 'jndi'];
/** Fields that are the same whatever the target: a payload there does not belong to a route. */
const HEADER_FIELDS: ReadonlySet<string> = new Set(['user-agent', 'referer', 'header', 'cookie', 'host']);

/** What a run of findings is: its rule classes and the tail of its most requested path; null when no rule matched. */
function runSignature(run: readonly FlaggedRequest[]): string | null {
  const ruled = run.filter((f) => f.flag.ruleMatched);
  if (ruled.length === 0) return null;
  for (const cls of HEADER_EXPLOIT_CLASSES) {
    const fields = new Set(ruled.flatMap((f) => f.flag.findings.filter((x) => x.class === cls && HEADER_FIELDS.has(x.field.kind)).map((x) => x.field.kind)));
    if (fields.size > 0) return `${cls} in ${[...fields].sort().join('+')}`;
  }
  const classes = [...new Set(ruled.flatMap((f) => f.flag.classes))].sort();
  const paths = countedKeys(ruled.map((f) => f.path));
  return `${classes.join('+') || 'rule'} on ${targetTail(paths[0]!)}`;
}

function pushCandidate(out: WindowCandidate[], client: string, run: FlaggedRequest[], windowMs: number, signature: string | null): void {
  if (run.length === 0) return;
  run.sort((a, b) => a.timeMs - b.timeMs || (a.source.line - b.source.line));
  const targets = new Set(run.map((f) => f.target));
  const ruled = run.filter((f) => f.flag.ruleMatched);
  if (ruled.length === 0 && targets.size < MIN_PROFILE_ONLY_TARGETS) return;
  // One or two 404s for an admin page are what every site sees from passers-by; a client becomes an
  // incident on discovery probes alone once it tries several (many clients doing it is a campaign).
  const weakOnly = ruled.length > 0 && ruled.every((f) => f.flag.findings.every((x) => WEAK_CLASSES.has(x.class)));
  if (weakOnly && targets.size < MIN_PROFILE_ONLY_TARGETS) return;
  const classes = [...new Set(run.flatMap((f) => f.flag.classes))].sort();
  const endpoints = countedKeys(run.map((f) => f.endpoint));
  const serverErrors = run.filter((f) => f.status !== null && f.status >= 500).length;
  const breadth = clamp01(Math.log2(targets.size) / 5);
  const score = Math.min(100, 45 + 25 * breadth + 5 * Math.min(3, classes.length) + (ruled.length > 0 ? 10 : 0) + (serverErrors > 0 ? 5 : 0));
  const evidence: WindowCandidate['evidence'] = [
    {
      feature: 'injection_requests',
      observed: run.length,
      baseline: 0,
      unit: 'requests',
      text: findingText(run),
      significance: 0.5 + breadth / 2,
      contribution: 0,
    },
  ];
  const rules = [...new Set(ruled.flatMap((f) => f.flag.rules))].sort();
  if (rules.length > 0) evidence.push({ feature: 'injection_rules', observed: rules.length, baseline: 0, unit: 'rules', text: `rules matched: ${rules.slice(0, 6).join(', ')}`, significance: 0.5, contribution: 0 });
  const reasons = [...new Set(run.flatMap((f) => f.flag.profileReasons))];
  if (reasons.length > 0) evidence.push({ feature: 'injection_profiles', observed: reasons.length, baseline: 0, unit: 'reasons', text: truncate(reasons[0]!, 200), significance: 0.3, contribution: 0 });
  if (serverErrors > 0) evidence.push({ feature: 'injection_5xx', observed: serverErrors, baseline: 0, unit: 'requests', text: `${serverErrors} flagged requests answered 5xx (something may have hit)`, significance: 0.5, contribution: 0 });
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const perWindow = new Map<number, number>();
  const linesPerWindow = new Map<number, SourceRef[]>();
  for (const f of run) {
    const index = Math.floor(f.timeMs / windowMs);
    perWindow.set(index, (perWindow.get(index) ?? 0) + 1);
    const lines = linesPerWindow.get(index);
    if (lines === undefined) linesPerWindow.set(index, [f.source]);
    else lines.push(f.source);
  }
  const actor = claimKey('client', client);
  out.push({
    entity: 'client',
    key: client,
    index: Math.floor(first.timeMs / windowMs),
    lastIndex: Math.floor(last.timeMs / windowMs),
    score,
    rawScore: 0,
    // Probing with a named tool, for files or admin pages, without any payload, is a scanner, not an injection.
    kind: ruled.length > 0 && ruled.every((f) => f.flag.findings.every((x) => PROBE_CLASSES.has(x.class))) ? 'scanner' : 'injection',
    evidence,
    endpoints,
    clients: [client],
    consumers: [],
    userAgents: [...new Set(run.map((f) => f.userAgent).filter((a): a is string => a !== null))].slice(0, 3),
    leadClient: null,
    requests: run.length,
    samples: run.slice(0, 5).map((f) => ({ ...f.source, text: truncate(f.flag.decoded, 160) })),
    historyWindows: 0,
    confidence: ruled.length > 0 ? 0.9 : 0.5 + 0.1 * Math.min(4, targets.size - MIN_PROFILE_ONLY_TARGETS),
    baselineNote: null,
    // Each claim names its lines: `show` prints exactly these (the client's other requests in the window are not the finding).
    claims: [...perWindow].map(([index, requests]) => ({ actor, index, requests, lines: linesPerWindow.get(index)! })),
    active: [...perWindow.keys()],
    ...(signature !== null ? { signature: `injection: ${signature}` } : {}),
  });
}

/** "76 requests from 10 addresses with Shellshock in User-Agent, … on 39 distinct targets of GET /, …": the findings, most frequent first. */
function findingText(run: readonly FlaggedRequest[], addresses = 1): string {
  const targets = new Set(run.map((f) => f.target));
  // "Shellshock in User-Agent, SQL injection in query parameter `id`": the most frequent first.
  const described = countedKeys(run.flatMap((f) => [...new Set(f.flag.findings.map(describeFinding))]));
  const findings = described.slice(0, 3).join(', ') + (described.length > 3 ? ` and ${described.length - 3} more` : '');
  const endpoints = countedKeys(run.map((f) => f.endpoint));
  return `${formatCountOf(run.length, 'request')}${addresses > 1 ? ` from ${formatCount(addresses)} addresses` : ''} with ${findings.length > 0 ? findings : 'values far outside their learned shape'} on ${formatCount(targets.size)} distinct ${targets.size === 1 ? 'target' : 'targets'} of ${endpoints.slice(0, 3).join(', ')}`;
}

function countedKeys(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

/** The collector an injection scan starts from: a fresh detector to learn (seeded), or a baseline's. */
export function createCollector(setup: InjectionScanSetup): InjectionCollector {
  if (setup.mode === 'score') {
    return new InjectionCollector(setup.detector === null ? new InjectionDetector() : InjectionDetector.fromJSON(setup.detector), 'score');
  }
  return new InjectionCollector(new InjectionDetector({ seed: setup.seed }), setup.mode);
}
