import type { FeatureSpec } from './feature-table.js';
import { formatBytes, formatCount, formatCountOf, formatPercent } from '../text/format-values.js';

interface RateFacts {
  count: number;
  total: number;
  normal: number;
}

function ratio(label: string, description: string): FeatureSpec<RateFacts> {
  return {
    unit: 'ratio',
    description,
    say: ({ count, total, normal }) => `${label} on ${formatPercent(count / total)} of ${formatCount(total)} requests vs ${formatPercent(normal)} normally on these routes`,
  };
}

/**
 * The features of a client window, in vector order. Rates are against what the endpoints the
 * client used normally show; volume against the client's own history and the population.
 */
export const CLIENT_FEATURE_TABLE = {
  requests: {
    unit: 'requests',
    description: 'log2 of the window\'s requests against a busy client\'s (the population p95, or three times this client\'s own typical)',
    say: ({ requests, busy, own, window }: { requests: number; busy: number; own: number | null; window: string }) =>
      `${formatCount(requests)} requests in ${window} vs ${formatCount(busy)} for a busy client${own === null ? '' : `, ${formatCount(own)} for this client`}`,
  },
  auth_failure_ratio: ratio('401/403', 'share of 401/403 answers above what the routes it used normally answer'),
  not_found_ratio: ratio('404', 'share of 404 answers above what the routes it used normally answer'),
  distinct_paths: {
    unit: 'paths',
    description: 'log2 of the distinct paths the client requested',
  },
  distinct_ids: {
    unit: 'paths',
    description: 'log2 of distinct paths per route template: the ids a client walks on one route',
    say: ({ paths, route, busy, window }: { paths: number; route: string; busy: number; window: string }) =>
      `${formatCount(paths)} distinct paths of ${route} in ${window} vs ${formatCount(busy)} for a busy client`,
  },
  unknown_routes: {
    unit: 'ratio',
    description: 'share of requests on routes the baseline never saw (or saw too little to know)',
    say: ({ share, requests, paths }: { share: number; requests: number; paths: number }) =>
      `${formatPercent(share)} of ${formatCount(requests)} requests on routes the baseline never saw (${formatCount(paths)} distinct paths)`,
  },
  response_bytes: {
    unit: 'bytes',
    description: 'log2 of the bytes sent to the client against the normal response sizes of the routes it used',
    say: ({ bytes, responses, expected, times, big }: { bytes: number; responses: number; expected: number; times: number; big: number }) =>
      `${formatBytes(bytes)} sent in ${formatCount(responses)} responses vs ${formatBytes(expected)} expected for these routes (${formatCount(times)}×); ` +
      (big > 0 ? `${formatCountOf(big, 'response')} over twice ${big === 1 ? 'its' : 'their'} endpoint's normal p95 size` : "none over twice its endpoint's normal p95 size: more of the routes' usual large responses"),
  },
  writes: {
    unit: 'requests',
    description: 'log2 of successful writes against a busy client\'s (the population p99)',
    say: ({ writes, paths, busy, window }: { writes: number; paths: number; busy: number; window: string }) =>
      `${formatCount(writes)} successful writes (PUT/PATCH/DELETE, POST on items) on ${formatCount(paths)} distinct paths in ${window} vs ${formatCount(busy)} for a busy client`,
  },
} satisfies Record<string, FeatureSpec<never>>;

export type ClientFeature = keyof typeof CLIENT_FEATURE_TABLE;
