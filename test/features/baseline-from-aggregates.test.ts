// The baseline is built from the plain aggregates in one place and only reads them: analyze
// builds it with the flagged traffic kept out, explain builds it again from the same aggregates,
// and neither may see what the other kept out (the profiles were once the aggregator's own
// objects, and the exclusion was subtracted from them in place).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateInputs } from '../../src/pipeline/aggregate-inputs.js';
import { baselineFromAggregates } from '../../src/features/baseline-from-aggregates.js';
import type { BaselineProfiles, TrafficExclusion } from '../../src/baseline/baseline.js';

const LOG = '../shared/data/real/secrepo-webhawk/access.log.2022-12-22';
const SETTINGS = { seed: 42, trees: 20, sampleSize: 128 };

const profilesText = (p: BaselineProfiles): string =>
  JSON.stringify({ endpoints: [...p.endpoints].map(([k, v]) => [k, v.toJSON()]), consumers: [...p.consumers], clients: p.clients.toJSON(), histories: [...p.clientHistories] });

test('building a baseline with traffic kept out leaves the aggregates as they were', async () => {
  const { aggregator } = await aggregateInputs([LOG], {}, 300_000, {});
  const plain = profilesText(baselineFromAggregates(aggregator, SETTINGS));
  // Keep out the busiest client's windows, as analyze keeps out a flagged client.
  const table = aggregator.clients.table;
  const [client, track] = [...aggregator.clients.entities].sort((a, b) => b[1].rows.length - a[1].rows.length)[0]!;
  const byEndpoint = new Map<string, Map<number, number>>();
  for (const row of track.rows) {
    table.forEachRoute(row, (endpoint, n) => {
      const windows = byEndpoint.get(endpoint) ?? new Map<number, number>();
      windows.set(table.index(row), (windows.get(table.index(row)) ?? 0) + n);
      byEndpoint.set(endpoint, windows);
    });
  }
  const exclusion: TrafficExclusion = {
    byEndpoint,
    excludes: (c) => c === client,
    excludedRequests: (endpoint, index) => byEndpoint.get(endpoint)?.get(index) ?? 0,
  };
  const kept = baselineFromAggregates(aggregator, SETTINGS, exclusion);
  const [endpoint, windows] = [...byEndpoint].sort((a, b) => b[1].size - a[1].size)[0]!;
  const excluded = [...windows.values()].reduce((n, r) => n + r, 0);
  assert.equal(kept.endpoints.get(endpoint)!.requests, aggregator.endpointTotals.get(endpoint)!.requests - excluded);
  assert.ok(!kept.clientHistories.has(client), 'the kept-out client has no history of its own');
  // The same aggregates, built again without the exclusion: exactly the first baseline.
  assert.equal(profilesText(baselineFromAggregates(aggregator, SETTINGS)), plain);
});
