// The generation loop: minute by minute, draw the clean traffic, let planted incidents
// change or add requests, and stream every line to each format's file with backpressure
// (memory stays bounded whatever the number of lines).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { composeRequest } from './compose.js';
import { HEALTH_ENDPOINT } from './catalog.js';
import type { LogWriterFormat } from './formats.js';
import { asRequester, MINUTE, type IncidentPlan, type PlantContext, type PlantedKind } from './incidents/plan.js';
import { planIncidents } from './incidents/schedule.js';
import type { IncidentLabel, LabelsDocument, LabelledFile } from './labels.js';
import { buildPopulation, type Population } from './population.js';
import type { GeneratedRequest } from './request.js';
import { Rng } from './random.js';
import { rhythm } from './rhythm.js';

export const DAY = 86_400_000;

export interface GenerateOptions {
  outDir: string;
  seed: number;
  /** Start of the scored period (after any learn days), epoch ms. */
  startMs: number;
  /** Length of the scored period in ms. */
  durationMs: number;
  ratePerSecond: number;
  formats: readonly LogWriterFormat[];
  kinds: readonly PlantedKind[];
  /** Clean days written before the scored period to `<format>.learn.log`. */
  learnDays: number;
  scale: number;
  /** Called after each generated hour, for progress output. */
  onProgress?: (doneMs: number, totalMs: number) => void;
}

/** Buffers lines into ~256 KiB chunks (one write per minute of traffic is slow) and honours backpressure. */
class LineSink {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingChars = 0;
  lines = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  async write(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    this.lines += lines.length;
    for (const line of lines) {
      this.pending.push(line);
      this.pendingChars += line.length + 1;
    }
    if (this.pendingChars >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Per group, the share of its requests that go to each endpoint (sampled: partners have their own mixes). */
function endpointShares(population: Population, seed: number): Map<string, Map<string, number>> {
  const rng = Rng.derive(seed, 'endpoint-shares');
  const out = new Map<string, Map<string, number>>();
  for (const group of population.groups) {
    const counts = new Map<string, number>();
    const samples = 20000;
    for (let i = 0; i < samples; i++) {
      const endpoint = group.actors.pick(rng).routes.pick(rng);
      const key = `${endpoint.method} ${endpoint.route}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    out.set(group.name, new Map([...counts].map(([k, v]) => [k, v / samples])));
  }
  return out;
}

function drawCleanMinute(population: Population, minuteMs: number, ratePerSecond: number, dayFactor: number, rng: Rng): GeneratedRequest[] {
  const out: GeneratedRequest[] = [];
  for (const group of population.groups) {
    const mean = ratePerSecond * 60 * group.share * rhythm(group.schedule, minuteMs) * dayFactor;
    const count = rng.poisson(mean);
    for (let i = 0; i < count; i++) {
      const actor = group.actors.pick(rng);
      const endpoint = actor.routes.pick(rng);
      out.push(composeRequest(endpoint, asRequester(actor, rng), minuteMs + Math.floor(rng.next() * MINUTE), rng));
    }
  }
  for (const [index, checker] of population.healthCheckers.entries()) {
    const offset = (index * 3217) % checker.periodMs;
    let t = Math.ceil((minuteMs - offset) / checker.periodMs) * checker.periodMs + offset;
    for (; t < minuteMs + MINUTE; t += checker.periodMs) {
      out.push(composeRequest(HEALTH_ENDPOINT, { client: checker.ip, userAgent: checker.userAgent, consumer: null, browser: false }, t + rng.int(0, 30), rng));
    }
  }
  return out;
}

function toLabel(plan: IncidentPlan, format: LogWriterFormat, requests: number): IncidentLabel {
  return {
    kind: plan.kind,
    start: new Date(plan.startMs).toISOString(),
    end: new Date(plan.endMs).toISOString(),
    clients: plan.clients,
    consumers: format.hasConsumer ? [...new Set(plan.consumers.flatMap((c) => format.consumerIds(c)))] : [],
    endpoint: plan.endpoint,
    description: plan.description,
    requests,
  };
}

export async function generateTraffic(options: GenerateOptions): Promise<LabelsDocument> {
  const { seed, formats } = options;
  await mkdir(options.outDir, { recursive: true });
  const population = buildPopulation(seed, options.ratePerSecond);
  const shares = endpointShares(population, seed);
  const learnStartMs = options.startMs - options.learnDays * DAY;
  const endMs = options.startMs + options.durationMs;

  const context: PlantContext = {
    population,
    scale: options.scale,
    periodEndMs: endMs,
    expectedPerMinute: (endpoint, timeMs) =>
      population.groups.reduce(
        (sum, group) => sum + options.ratePerSecond * 60 * group.share * rhythm(group.schedule, timeMs) * (shares.get(group.name)?.get(endpoint) ?? 0),
        0,
      ),
  };
  const plans = planIncidents(seed, options.kinds, options.startMs, endMs, context);
  const planted = new Map<IncidentPlan, { all: number; consumerOnly: number }>(plans.map((p) => [p, { all: 0, consumerOnly: 0 }]));

  const mainSinks = formats.map((f) => new LineSink(join(options.outDir, `${f.name}.${f.extension}`)));
  const learnSinks = options.learnDays > 0 ? formats.map((f) => new LineSink(join(options.outDir, `${f.name}.learn.${f.extension}`))) : [];

  // Clean traffic draws from one stream per calendar day and each incident from its own:
  // a day's clean lines are the same whether incidents are planted or learn days precede it.
  const incidentRngs = new Map<IncidentPlan, Rng>(plans.map((plan, index) => [plan, Rng.derive(seed, `incident-run:${plan.kind}:${index}`)]));
  let cleanDay = Number.NaN;
  let cleanRng = Rng.derive(seed, 'clean-traffic');
  let dayFactor = 1;

  for (let minuteMs = learnStartMs; minuteMs < endMs; minuteMs += MINUTE) {
    const day = Math.floor(minuteMs / DAY);
    if (day !== cleanDay) {
      cleanDay = day;
      cleanRng = Rng.derive(seed, `clean-traffic:${day}`);
      dayFactor = cleanRng.uniform(0.92, 1.08);
      // A period that starts mid-day draws the same minutes as one that started at midnight.
      for (let skipped = day * DAY; skipped < minuteMs; skipped += MINUTE) drawCleanMinute(population, skipped, options.ratePerSecond, dayFactor, cleanRng);
    }
    let requests = drawCleanMinute(population, minuteMs, options.ratePerSecond, dayFactor, cleanRng);
    const scored = minuteMs >= options.startMs;
    if (scored) {
      for (const plan of plans) {
        if (plan.startMs >= minuteMs + MINUTE || plan.endMs <= minuteMs) continue;
        const counter = planted.get(plan) as { all: number; consumerOnly: number };
        const incidentRng = incidentRngs.get(plan) as Rng;
        if (plan.alter) {
          const altered: GeneratedRequest[] = [];
          for (const request of requests) {
            if (request.timeMs < plan.startMs || request.timeMs >= plan.endMs) {
              altered.push(request);
              continue;
            }
            const before = `${request.status}/${request.durationMs}/${request.bytesSent}`;
            const after = plan.alter(request, incidentRng);
            if (after === null || `${after.status}/${after.durationMs}/${after.bytesSent}` !== before) counter.all++;
            if (after !== null) altered.push(after);
          }
          requests = altered;
        }
        if (plan.emit) {
          const added = plan.emit(minuteMs, minuteMs + MINUTE, incidentRng);
          for (const request of added) {
            if (request.consumerFormatsOnly) counter.consumerOnly++;
            else counter.all++;
          }
          requests.push(...added);
        }
      }
    }
    requests.sort((a, b) => a.timeMs - b.timeMs);
    const sinks = scored ? mainSinks : learnSinks;
    for (const [index, format] of formats.entries()) {
      const lines: string[] = [];
      for (const request of requests) {
        if (request.consumerFormatsOnly && !format.hasConsumer) continue;
        lines.push(format.render(request));
      }
      await (sinks[index] as LineSink).write(lines);
    }
    if (options.onProgress && (minuteMs - learnStartMs) % (60 * MINUTE) === 0) options.onProgress(minuteMs - learnStartMs, endMs - learnStartMs);
  }

  await Promise.all([...mainSinks, ...learnSinks].map((sink) => sink.close()));

  const files: Record<string, LabelledFile> = {};
  for (const [index, format] of formats.entries()) {
    const visible = plans.filter((plan) => format.hasConsumer || !plan.consumerFormatsOnly);
    const main = mainSinks[index] as LineSink;
    files[`${format.name}.${format.extension}`] = {
      format: format.name, describes: format.describes, lines: main.lines, clean: visible.length === 0,
      start: new Date(options.startMs).toISOString(), end: new Date(endMs).toISOString(),
      labels: visible.map((plan) => {
        const counter = planted.get(plan) as { all: number; consumerOnly: number };
        return toLabel(plan, format, counter.all + (format.hasConsumer ? counter.consumerOnly : 0));
      }),
    };
    const learn = learnSinks[index];
    if (learn) {
      files[`${format.name}.learn.${format.extension}`] = {
        format: format.name, describes: format.describes, lines: learn.lines, clean: true,
        start: new Date(learnStartMs).toISOString(), end: new Date(options.startMs).toISOString(), labels: [],
      };
    }
  }
  // Tyk logs no year: parsers take it from the file's modification time, so make that the end of the traffic.
  for (const sink of [...mainSinks, ...learnSinks]) {
    if (sink.path.includes('tyk.')) await utimes(sink.path, new Date(endMs), new Date(endMs));
  }
  const document: LabelsDocument = {
    version: 1, generator: 'anomalog scripts/generate-traffic.ts', seed, ratePerSecond: options.ratePerSecond, scale: options.scale, files,
  };
  await writeFile(join(options.outDir, 'labels.json'), `${JSON.stringify(document, null, 2)}\n`);
  return document;
}
