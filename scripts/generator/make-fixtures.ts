// Regenerates fixtures/generated/: small logs (a few thousand lines) with their labels, for
// end-to-end tests. Run: node --import tsx scripts/generator/make-fixtures.ts
// Deterministic: the same code gives the same bytes, so a diff in git means the generator changed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findWriterFormat, type LogWriterFormat } from './formats.js';
import { PLANTED_KINDS, type PlantedKind } from './incidents/plan.js';
import { DAY, generateTraffic } from './traffic.js';

const ROOT = 'fixtures/generated';
const format = (name: string): LogWriterFormat => findWriterFormat(name) as LogWriterFormat;

/** Kinds that need a consumer (or are best seen with one) are written as API Gateway logs. */
const GATEWAY_KINDS: ReadonlySet<PlantedKind> = new Set(['key_misuse', 'tampering', 'data_exfiltration']);

await rm(ROOT, { recursive: true, force: true });

// One kind per fixture, in six daytime hours of a Tuesday.
for (const [index, kind] of PLANTED_KINDS.entries()) {
  const labels = await generateTraffic({
    outDir: join(ROOT, 'kinds', kind), seed: 500 + index, startMs: Date.parse('2026-03-03T09:00:00Z'), durationMs: 6 * 3_600_000,
    ratePerSecond: 0.09, formats: [format(GATEWAY_KINDS.has(kind) ? 'apigw' : 'nginx')], kinds: [kind], learnDays: 0, scale: 0.15,
  });
  for (const [file, info] of Object.entries(labels.files)) process.stdout.write(`${ROOT}/kinds/${kind}/${file}: ${info.lines} lines\n`);
}

// A clean day to learn from, then the next day with every kind planted (API Gateway: it has consumers).
const pair = await generateTraffic({
  outDir: join(ROOT, 'learn-score-apigw'), seed: 600, startMs: Date.parse('2026-03-03T00:00:00Z'), durationMs: DAY,
  ratePerSecond: 0.025, formats: [format('apigw')], kinds: PLANTED_KINDS, learnDays: 1, scale: 0.1,
});
for (const [file, info] of Object.entries(pair.files)) process.stdout.write(`${ROOT}/learn-score-apigw/${file}: ${info.lines} lines\n`);

// A clean day (nothing planted): at most one high/critical incident is the target.
const clean = await generateTraffic({
  outDir: join(ROOT, 'clean-nginx'), seed: 700, startMs: Date.parse('2026-03-03T00:00:00Z'), durationMs: DAY,
  ratePerSecond: 0.04, formats: [format('nginx')], kinds: [], learnDays: 0, scale: 1,
});
for (const [file, info] of Object.entries(clean.files)) process.stdout.write(`${ROOT}/clean-nginx/${file}: ${info.lines} lines\n`);
