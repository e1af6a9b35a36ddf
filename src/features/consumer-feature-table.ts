import type { FeatureSpec } from './feature-table.js';
import { formatCount } from '../text/format-values.js';

/** The features of a consumer (API key, user) window, in vector order, against the consumer's own profile. */
export const CONSUMER_FEATURE_TABLE = {
  new_networks: {
    unit: 'networks',
    description: 'log2 of the networks the key was used from that are not established for it',
    say: ({ networks, fresh, established, window }: { networks: number; fresh: number; established: number; window: string }) =>
      `key used from ${networks} networks in ${window}, ${fresh} never seen for it; normally ${established}`,
  },
  networks: {
    unit: 'networks',
    description: 'log2 of the networks the key was used from',
  },
  new_agents: {
    unit: 'agents',
    description: 'log2 of the user agents never seen with the key',
    say: ({ fresh, example }: { fresh: number; example: string }) => `${fresh} user agent${fresh === 1 ? '' : 's'} never seen with this key (e.g. ${JSON.stringify(example)})`,
  },
  new_endpoints: {
    unit: 'endpoints',
    description: 'log2 of the endpoints the key never called before',
    say: ({ fresh }: { fresh: number }) => `${fresh} endpoints this key never called before`,
  },
  requests: {
    unit: 'requests',
    description: 'log2 of the window\'s requests against the key\'s mean per active window',
    say: ({ requests, normal, window }: { requests: number; normal: number; window: string }) => `${formatCount(requests)} requests in ${window} vs ${formatCount(normal)} normally for this key`,
  },
  writes: {
    unit: 'requests',
    description: 'log2 of successful writes against the key\'s mean per active window',
    say: ({ writes, normal, window }: { writes: number; normal: number; window: string }) => `${formatCount(writes)} successful writes in ${window} vs ${formatCount(normal)} normally for this key`,
  },
} satisfies Record<string, FeatureSpec<never>>;

export type ConsumerFeature = keyof typeof CONSUMER_FEATURE_TABLE;
