// What normal parameter values look like, per route template and parameter
// name: their character classes, lengths, token kinds and (for small
// enumerations) which values occur. A value far outside its parameter's shape
// is reported even when no rule names it. Nothing is judged without minimum
// support: a route or parameter seen too rarely has no profile, and new
// content is not an alert.

import { charClassMask, describeMask, hashValue, lengthBucket, LENGTH_BUCKET_UPPER, valueKind, VALUE_KINDS, type ValueKind } from './value-shape.js';
import { isClosedSet, rareCounts } from './closed-set.js';
import { asArray, asBoolean, asCount, asMapEntries, asRecord, asString, fail } from './json-guard.js';
import { truncate } from '../../text/sanitize.js';

export interface ParamProfileLimits {
  /** Routes kept; requests on further routes are not profiled. */
  maxRoutes: number;
  /** Parameter names kept per route; past it the route's name set counts as open. */
  maxParamsPerRoute: number;
  /** Distinct values counted per parameter; past it the parameter is not an enumeration. */
  maxDistinctValues: number;
  /** Observations a route or parameter needs before it is judged. */
  minSupport: number;
}

export const DEFAULT_PARAM_PROFILE_LIMITS: ParamProfileLimits = {
  maxRoutes: 5000,
  maxParamsPerRoute: 64,
  maxDistinctValues: 32,
  minSupport: 30,
};

const MAX_NAME_LENGTH = 256;
const CLASS_BITS = 32;

interface ParamStats {
  count: number;
  /** Per character class: how many values contained it. */
  classCounts: number[];
  /** Per length bucket (value-shape.ts): how many values. */
  lengthCounts: number[];
  kindCounts: Record<ValueKind, number>;
  /** Hash of the value → count, until more than maxDistinctValues are seen. */
  values: Map<string, number>;
  valuesOverflowed: boolean;
}

interface RouteStats {
  requests: number;
  params: Map<string, ParamStats>;
  paramsOverflowed: boolean;
}

function emptyKinds(): Record<ValueKind, number> {
  return { empty: 0, numeric: 0, hex: 0, uuid: 0, alpha: 0, alnum: 0, text: 0 };
}

function emptyParam(): ParamStats {
  return {
    count: 0,
    classCounts: new Array<number>(CLASS_BITS).fill(0),
    lengthCounts: new Array<number>(LENGTH_BUCKET_UPPER.length).fill(0),
    kindCounts: emptyKinds(),
    values: new Map(),
    valuesOverflowed: false,
  };
}

/** A value of a parameter, as the profile sees it (decoded, not lower-cased). */
export interface ParamValue {
  name: string;
  value: string;
}

/** Share of a class below which (and under `RARE_COUNT` occurrences) it counts as never seen. */
const RARE_SHARE = 0.002;
const RARE_COUNT = 3;
/** A kind must cover this share of values for a parameter to be "numeric" (or "uuid", …). */
const DOMINANT_KIND_SHARE = 0.99;
/** Quantile of lengths that stands for the normal maximum. */
const LENGTH_QUANTILE = 0.999;

function lengthQuantile(stats: ParamStats, q: number): number {
  const target = q * stats.count;
  let seen = 0;
  for (let i = 0; i < stats.lengthCounts.length; i++) {
    seen += stats.lengthCounts[i]!;
    if (seen >= target) return LENGTH_BUCKET_UPPER[i]!;
  }
  return LENGTH_BUCKET_UPPER[LENGTH_BUCKET_UPPER.length - 1]!;
}

function lengthMin(stats: ParamStats): number {
  const i = stats.lengthCounts.findIndex((c) => c > 0);
  return i === -1 ? 0 : LENGTH_BUCKET_UPPER[i]!;
}

function describeKinds(stats: ParamStats): string {
  const ranked = VALUE_KINDS.filter((k) => stats.kindCounts[k] > 0).sort((a, b) => stats.kindCounts[b] - stats.kindCounts[a]);
  return ranked.slice(0, 2).join('/');
}

function quoteName(name: string): string {
  return '`' + truncate(name.replace(/[^\x20-\x7e]/g, '?'), 40) + '`';
}

export class ParamProfiles {
  private readonly routes = new Map<string, RouteStats>();
  readonly limits: ParamProfileLimits;

  constructor(limits: Partial<ParamProfileLimits> = {}) {
    this.limits = { ...DEFAULT_PARAM_PROFILE_LIMITS, ...limits };
  }

  get routeCount(): number {
    return this.routes.size;
  }

  private routeStats(route: string, create: boolean): RouteStats | undefined {
    const key = route.slice(0, MAX_NAME_LENGTH);
    let stats = this.routes.get(key);
    if (stats === undefined && create && this.routes.size < this.limits.maxRoutes) {
      stats = { requests: 0, params: new Map(), paramsOverflowed: false };
      this.routes.set(key, stats);
    }
    return stats;
  }

  /** Learn one request on `route` carrying `params` (possibly none). */
  learn(route: string, params: readonly ParamValue[]): void {
    const stats = this.routeStats(route, true);
    if (stats === undefined) return;
    stats.requests++;
    for (const { name: rawName, value } of params) {
      const name = rawName.slice(0, MAX_NAME_LENGTH);
      let param = stats.params.get(name);
      if (param === undefined) {
        if (stats.params.size >= this.limits.maxParamsPerRoute) {
          stats.paramsOverflowed = true;
          continue;
        }
        param = emptyParam();
        stats.params.set(name, param);
      }
      this.learnValue(param, value);
    }
  }

  private learnValue(param: ParamStats, value: string): void {
    param.count++;
    const mask = charClassMask(value);
    for (let bit = 0; bit < CLASS_BITS; bit++) if ((mask >>> bit) & 1) param.classCounts[bit]!++;
    param.lengthCounts[lengthBucket(value.length)]!++;
    param.kindCounts[valueKind(value)]++;
    if (!param.valuesOverflowed) {
      const hash = hashValue(value);
      const current = param.values.get(hash);
      if (current !== undefined) param.values.set(hash, current + 1);
      else if (param.values.size < this.limits.maxDistinctValues) param.values.set(hash, 1);
      else {
        param.valuesOverflowed = true;
        param.values.clear();
      }
    }
  }

  /**
   * Reasons why parameters of this request are far outside their profiles;
   * empty when the route has too little support or everything fits.
   */
  score(route: string, params: readonly ParamValue[]): string[] {
    const stats = this.routeStats(route, false);
    if (stats === undefined || stats.requests < this.limits.minSupport) return [];
    const reasons: string[] = [];
    for (const { name: rawName, value } of params) {
      const name = rawName.slice(0, MAX_NAME_LENGTH);
      const param = stats.params.get(name);
      if (param === undefined || param.count < 2) {
        const unexpected = this.unexpectedName(stats, name);
        if (unexpected !== null) reasons.push(unexpected);
        continue;
      }
      if (param.count < this.limits.minSupport) continue;
      const reason = this.valueReason(name, param, value);
      if (reason !== null) reasons.push(reason);
    }
    return reasons;
  }

  private unexpectedName(stats: RouteStats, name: string): string | null {
    if (stats.paramsOverflowed) return null;
    const rare = rareCounts([...stats.params.values()].map((p) => p.count));
    if (!isClosedSet(rare.onceSeen, rare.twiceSeen, stats.requests)) return null;
    const known = [...stats.params.entries()].filter(([, p]) => p.count > 1).map(([n]) => n);
    const list = known.slice(0, 6).map(quoteName).join(', ') + (known.length > 6 ? ', …' : '');
    return `parameter ${quoteName(name)} never seen on this route in ${stats.requests} requests (known: ${list || 'none'})`;
  }

  private valueReason(name: string, param: ParamStats, value: string): string | null {
    const parts: string[] = [];
    const mask = charClassMask(value);
    let unusual = 0;
    for (let bit = 0; bit < CLASS_BITS; bit++) {
      if (((mask >>> bit) & 1) === 0) continue;
      const count = param.classCounts[bit]!;
      if (count < RARE_COUNT && count / param.count < RARE_SHARE) unusual |= 1 << bit;
    }
    if (unusual !== 0) parts.push(`${describeMask(unusual >>> 0).join(', ')} never seen in it`);
    const kind = valueKind(value);
    const dominant = VALUE_KINDS.find((k) => param.kindCounts[k] >= DOMINANT_KIND_SHARE * param.count);
    if (dominant !== undefined && dominant !== 'text' && dominant !== 'alpha' && dominant !== 'alnum' && kind !== dominant && kind !== 'empty') {
      parts.push(`not ${dominant}`);
    }
    const maxLength = lengthQuantile(param, LENGTH_QUANTILE);
    if (value.length > Math.max(maxLength * 1.5, maxLength + 10)) parts.push(`${value.length} characters`);
    if (!param.valuesOverflowed && param.values.size > 0) {
      const rare = rareCounts(param.values.values());
      if (isClosedSet(rare.onceSeen, rare.twiceSeen, param.count) && (param.values.get(hashValue(value)) ?? 0) <= 1) {
        parts.push(`a value outside its ${param.values.size} usual ones`);
      }
    }
    if (parts.length === 0) return null;
    const shape = `${describeKinds(param)}, length ${lengthMin(param)}–${lengthQuantile(param, LENGTH_QUANTILE)}`;
    return `param ${quoteName(name)} normally ${shape}; got ${parts.join('; ')}`;
  }

  /** Add another profile's counts (learned from other files) into this one. */
  merge(other: ParamProfiles): void {
    for (const [route, theirs] of other.routes) {
      const mine = this.routeStats(route, true);
      if (mine === undefined) continue;
      mine.requests += theirs.requests;
      mine.paramsOverflowed ||= theirs.paramsOverflowed;
      for (const [name, param] of theirs.params) {
        let target = mine.params.get(name);
        if (target === undefined) {
          if (mine.params.size >= this.limits.maxParamsPerRoute) {
            mine.paramsOverflowed = true;
            continue;
          }
          target = emptyParam();
          mine.params.set(name, target);
        }
        mergeParam(target, param, this.limits.maxDistinctValues);
      }
    }
  }

  toJSON(): ParamProfilesJSON {
    const routes: ParamProfilesJSON['routes'] = {};
    for (const [route, stats] of this.routes) {
      const params: Record<string, ParamStatsJSON> = {};
      for (const [name, p] of stats.params) {
        params[name] = {
          count: p.count,
          classCounts: [...p.classCounts],
          lengthCounts: [...p.lengthCounts],
          kindCounts: { ...p.kindCounts },
          values: p.valuesOverflowed ? null : Object.fromEntries(p.values),
        };
      }
      routes[route] = { requests: stats.requests, paramsOverflowed: stats.paramsOverflowed, params };
    }
    return { limits: { ...this.limits }, routes };
  }

  static fromJSON(value: unknown, where = 'profiles'): ParamProfiles {
    const record = asRecord(value, where);
    const limitsRecord = asRecord(record.limits, `${where}.limits`);
    const limits: ParamProfileLimits = {
      maxRoutes: asCount(limitsRecord.maxRoutes, `${where}.limits.maxRoutes`, 1_000_000),
      maxParamsPerRoute: asCount(limitsRecord.maxParamsPerRoute, `${where}.limits.maxParamsPerRoute`, 10_000),
      maxDistinctValues: asCount(limitsRecord.maxDistinctValues, `${where}.limits.maxDistinctValues`, 10_000),
      minSupport: asCount(limitsRecord.minSupport, `${where}.limits.minSupport`, 1_000_000),
    };
    const profiles = new ParamProfiles(limits);
    for (const [route, routeValue] of asMapEntries(record.routes, `${where}.routes`, limits.maxRoutes)) {
      const at = `${where}.routes[${JSON.stringify(route.slice(0, 40))}]`;
      asString(route, at, MAX_NAME_LENGTH);
      const r = asRecord(routeValue, at);
      const stats: RouteStats = {
        requests: asCount(r.requests, `${at}.requests`),
        paramsOverflowed: asBoolean(r.paramsOverflowed, `${at}.paramsOverflowed`),
        params: new Map(),
      };
      for (const [name, paramValue] of asMapEntries(r.params, `${at}.params`, limits.maxParamsPerRoute)) {
        asString(name, `${at}.params`, MAX_NAME_LENGTH);
        stats.params.set(name, paramFromJSON(paramValue, `${at}.params[${JSON.stringify(name.slice(0, 40))}]`, limits.maxDistinctValues));
      }
      profiles.routes.set(route, stats);
    }
    return profiles;
  }
}

function mergeParam(target: ParamStats, source: ParamStats, maxDistinct: number): void {
  target.count += source.count;
  for (let i = 0; i < CLASS_BITS; i++) target.classCounts[i]! += source.classCounts[i]!;
  for (let i = 0; i < target.lengthCounts.length; i++) target.lengthCounts[i]! += source.lengthCounts[i]!;
  for (const kind of VALUE_KINDS) target.kindCounts[kind] += source.kindCounts[kind];
  if (target.valuesOverflowed || source.valuesOverflowed) {
    target.valuesOverflowed = true;
    target.values.clear();
    return;
  }
  for (const [hash, count] of source.values) target.values.set(hash, (target.values.get(hash) ?? 0) + count);
  if (target.values.size > maxDistinct) {
    target.valuesOverflowed = true;
    target.values.clear();
  }
}

interface ParamStatsJSON {
  count: number;
  classCounts: number[];
  lengthCounts: number[];
  kindCounts: Record<ValueKind, number>;
  /** Null once the parameter had more distinct values than counted. */
  values: Record<string, number> | null;
}

export interface ParamProfilesJSON {
  limits: ParamProfileLimits;
  routes: Record<string, { requests: number; paramsOverflowed: boolean; params: Record<string, ParamStatsJSON> }>;
}

function paramFromJSON(value: unknown, where: string, maxDistinct: number): ParamStats {
  const r = asRecord(value, where);
  const count = asCount(r.count, `${where}.count`);
  const classCounts = asArray(r.classCounts, `${where}.classCounts`, CLASS_BITS, CLASS_BITS).map((c, i) => asCount(c, `${where}.classCounts[${i}]`, count));
  const lengthCounts = asArray(r.lengthCounts, `${where}.lengthCounts`, LENGTH_BUCKET_UPPER.length, LENGTH_BUCKET_UPPER.length).map((c, i) =>
    asCount(c, `${where}.lengthCounts[${i}]`, count),
  );
  if (lengthCounts.reduce((a, b) => a + b, 0) !== count) fail(`${where}.lengthCounts`, 'do not add up to count');
  const kindsRecord = asRecord(r.kindCounts, `${where}.kindCounts`);
  const kindCounts = emptyKinds();
  for (const kind of VALUE_KINDS) kindCounts[kind] = asCount(kindsRecord[kind], `${where}.kindCounts.${kind}`, count);
  const stats: ParamStats = { count, classCounts, lengthCounts, kindCounts, values: new Map(), valuesOverflowed: r.values === null };
  if (r.values !== null) {
    for (const [hash, c] of asMapEntries(r.values, `${where}.values`, maxDistinct)) {
      if (!/^[0-9a-f]{8}$/.test(hash)) fail(`${where}.values`, 'has a key that is not a value hash');
      stats.values.set(hash, asCount(c, `${where}.values[${hash}]`, count));
    }
  }
  return stats;
}
