// The one entry point the pipeline uses: learn normal request targets, then
// inspect each request with the rules (decode → tokens → rules) and the learned
// profiles (per-route parameter shapes, path vocabulary, character model).

import { splitQuery, type InjectionClass } from './classify.js';
import { scanRequest, type RequestFields } from './scan-request.js';
import type { Finding } from './findings.js';
import { decodeLayers, MAX_DECODE_INPUT } from './decode.js';
import { ParamProfiles, type ParamValue } from './param-profiles.js';
import { CharModel } from './char-model.js';
import { PathVocabulary } from './path-vocabulary.js';
import { asCount, asRecord, fail } from './json-guard.js';
import { truncate } from '../../text/sanitize.js';

export interface InjectionFlag {
  classes: InjectionClass[];
  /** True when a written rule matched; false when only the learned profiles objected. */
  ruleMatched: boolean;
  /** Rule names that matched, e.g. `sql-union-select`. */
  rules: string[];
  /** Why the learned profiles object, one sentence each; empty when they do not. */
  profileReasons: string[];
  /** The decoded text that matched (rules) or the decoded target (profiles only), truncated. */
  decoded: string;
  /** Strength 0..1: rules score higher than profiles, more classes and reasons higher still. */
  score: number;
  /** Each rule match with its class and the field it was in; empty when only the profiles object. */
  findings: Finding[];
}

/** A request as the detector reads it: its fields, and the endpoint template (null: the path stands in). */
export interface InspectedRequest extends RequestFields {
  route: string | null;
}

export interface InjectionDetectorOptions {
  /** Skip learning from requests a rule flags, so attacks in analyze-mode traffic do not widen the profiles. */
  learnOnlyUnflagged?: boolean;
  /** Seed of the character model's reservoir. */
  seed?: number;
}

const FORMAT_VERSION = 1;
const MAX_EVIDENCE = 300;

function decodedParams(query: string | null): ParamValue[] {
  if (query === null || query === '') return [];
  return splitQuery(query).map((part) => ({
    name: decodeLayers(part.name.slice(0, 256), { plusAsSpace: true }),
    value: part.value === null ? '' : decodeLayers(part.value.slice(0, MAX_DECODE_INPUT), { plusAsSpace: true }),
  }));
}

export class InjectionDetector {
  private profiles: ParamProfiles;
  private paths: PathVocabulary;
  private chars: CharModel;
  private readonly learnOnlyUnflagged: boolean;
  private learnedRequests = 0;

  constructor(options: InjectionDetectorOptions = {}) {
    this.learnOnlyUnflagged = options.learnOnlyUnflagged ?? true;
    this.profiles = new ParamProfiles();
    this.paths = new PathVocabulary();
    this.chars = new CharModel({}, options.seed);
  }

  get requestsLearned(): number {
    return this.learnedRequests;
  }

  /** Learn one request target. `route` is the endpoint template; the path stands in when there is none. */
  learn(route: string | null, path: string | null, query: string | null): void {
    this.learnRequest({ route, path, query, status: null, userAgent: null, referer: null, host: null });
  }

  /**
   * Learn one request; with `learnOnlyUnflagged`, not when a rule matches any of its fields.
   * `ruleMatched`, when the caller already ran `scanRequest` on it, saves running it again.
   */
  learnRequest(request: InspectedRequest, ruleMatched?: boolean): void {
    const { route, path, query } = request;
    if (path === null) return;
    if (this.learnOnlyUnflagged && (ruleMatched ?? scanRequest(request) !== null)) return;
    this.learnedRequests++;
    this.paths.learn(path);
    const params = decodedParams(query);
    this.profiles.learn(route ?? path, params);
    for (const { value } of params) if (value !== '') this.chars.learn(value);
  }

  /** Null when neither a rule nor a learned profile objects to this request target. */
  inspect(route: string | null, path: string | null, query: string | null): InjectionFlag | null {
    return this.inspectRequest({ route, path, query, status: null, userAgent: null, referer: null, host: null });
  }

  /** Null when neither a rule (over every field) nor a learned profile (path and query) objects to this request. */
  inspectRequest(request: InspectedRequest): InjectionFlag | null {
    const { route, path, query } = request;
    if (path === null) return null;
    const ruled = scanRequest(request);
    const params = decodedParams(query);
    const reasons: string[] = [];
    const pathReason = this.paths.explain(path);
    if (pathReason !== null) reasons.push(pathReason);
    reasons.push(...this.profiles.score(route ?? path, params));
    for (const { name, value } of params) {
      if (value === '') continue;
      const reason = this.chars.explain(value);
      if (reason !== null) reasons.push(`param \`${name.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}\`: ${reason}`);
    }
    if (ruled === null && reasons.length === 0) return null;
    const ruleScore = ruled === null ? 0 : Math.min(0.95, 0.75 + 0.05 * (ruled.classes.length - 1) + 0.02 * (ruled.matched.length - 1));
    const profileScore = reasons.length === 0 ? 0 : Math.min(0.7, 0.35 + 0.1 * (reasons.length - 1));
    const score = ruled !== null && reasons.length > 0 ? Math.min(1, ruleScore + 0.05) : Math.max(ruleScore, profileScore);
    const target = query === null ? path : `${path}?${query}`;
    return {
      classes: ruled?.classes ?? [],
      ruleMatched: ruled !== null,
      rules: ruled?.matched ?? [],
      profileReasons: reasons,
      decoded: ruled?.decoded ?? truncate(decodeLayers(target.slice(0, MAX_DECODE_INPUT)), MAX_EVIDENCE),
      score: Math.round(score * 1000) / 1000,
      findings: ruled?.findings ?? [],
    };
  }

  /** Add what another detector learned (e.g. from another file). */
  merge(other: InjectionDetector): void {
    this.profiles.merge(other.profiles);
    this.paths.merge(other.paths);
    this.chars.merge(other.chars);
    this.learnedRequests += other.learnedRequests;
  }

  toJSON(): InjectionDetectorJSON {
    return {
      version: FORMAT_VERSION,
      learnOnlyUnflagged: this.learnOnlyUnflagged,
      requestsLearned: this.learnedRequests,
      profiles: this.profiles.toJSON(),
      paths: this.paths.toJSON(),
      chars: this.chars.toJSON(),
    };
  }

  /** Rebuild from `toJSON()` output; throws InputError (exit code 2) on anything malformed. */
  static fromJSON(value: unknown): InjectionDetector {
    const r = asRecord(value, 'injection baseline');
    if (r.version !== FORMAT_VERSION) fail('version', `is ${JSON.stringify(r.version)}, expected ${FORMAT_VERSION}`);
    if (typeof r.learnOnlyUnflagged !== 'boolean') fail('learnOnlyUnflagged', 'is not a boolean');
    const detector = new InjectionDetector({ learnOnlyUnflagged: r.learnOnlyUnflagged });
    detector.learnedRequests = asCount(r.requestsLearned, 'requestsLearned');
    detector.profiles = ParamProfiles.fromJSON(r.profiles);
    detector.paths = PathVocabulary.fromJSON(r.paths);
    detector.chars = CharModel.fromJSON(r.chars);
    return detector;
  }
}

export interface InjectionDetectorJSON {
  version: number;
  learnOnlyUnflagged: boolean;
  requestsLearned: number;
  profiles: ReturnType<ParamProfiles['toJSON']>;
  paths: ReturnType<PathVocabulary['toJSON']>;
  chars: ReturnType<CharModel['toJSON']>;
}
