import type { FeatureSpec } from './feature-table.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../text/format-values.js';

interface RateFacts {
  count: number;
  total: number;
  normal: number;
  window: string;
}

function ratio(label: string, description: string): FeatureSpec<RateFacts> {
  return {
    unit: 'ratio',
    description,
    say: ({ count, total, normal, window }) => `${label} ${formatPercent(count / total)} vs ${formatPercent(normal)} normally (${formatCount(count)} of ${formatCount(total)} requests in ${window})`,
  };
}

/** The features of an endpoint window, in vector order; each relative to the endpoint's baseline. */
export const ENDPOINT_FEATURE_TABLE = {
  volume: {
    unit: 'requests',
    description: 'log2 of the window\'s requests against the volume expected for that hour of the week',
    say: ({ requests, normal, window }: { requests: number; normal: number; window: string }) => `${formatCount(requests)} requests in ${window} vs ${formatCount(normal)} normally`,
  },
  error_5xx_ratio: ratio('5xx ratio', 'share of 5xx answers (pulled towards normal in a small window) above the endpoint\'s normal share'),
  auth_failure_ratio: ratio('401/403 ratio', 'share of 401/403 answers above the endpoint\'s normal share'),
  not_found_ratio: ratio('404 ratio', 'share of 404 answers above the endpoint\'s normal share'),
  latency: {
    unit: 'ms',
    description: 'log2 of the window\'s median latency against the endpoint\'s normal median',
    say: ({ p50, normalP50, slow, timed, normalP95, window }: { p50: number; normalP50: number; slow: number; timed: number; normalP95: number; window: string }) =>
      `median latency ${formatMs(p50)} vs ${formatMs(normalP50)} normally; ${formatCount(slow)} of ${formatCount(timed)} requests slower than the normal p95 (${formatMs(normalP95)}) in ${window}`,
  },
  response_size: {
    unit: 'bytes',
    description: 'log2 of the window\'s mean response size against the endpoint\'s normal mean',
    say: ({ mean, normal, big, referenced, window }: { mean: number; normal: number; big: number; referenced: number; window: string }) =>
      `mean response ${formatBytes(mean)} vs ${formatBytes(normal)} normally; ${formatCount(big)} of ${formatCount(referenced)} responses over twice the normal p95 size in ${window}`,
  },
} satisfies Record<string, FeatureSpec<never>>;

export type EndpointFeature = keyof typeof ENDPOINT_FEATURE_TABLE;
