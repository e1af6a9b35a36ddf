// The generated inputs of `npm run eval`, cached under .cache/eval/ and regenerated only
// when the generator's code or the scenario settings change.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findWriterFormat, type LogWriterFormat } from '../generator/formats.js';
import { PLANTED_KINDS } from '../generator/incidents/plan.js';
import type { LabelsDocument } from '../generator/labels.js';
import { DAY, generateTraffic } from '../generator/traffic.js';

export interface ScenarioSettings {
  formats: string[];
  seed: number;
  ratePerSecond: number;
  startMs: number;
}

/** Per format: a clean day to learn from, the next day with incidents, and that same next day clean. */
export interface Scenario {
  format: string;
  seed: number;
  learnFile: string;
  incidentFile: string;
  cleanFile: string;
  labels: LabelsDocument;
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.name.endsWith('.ts')) hash.update(path).update(await readFile(path));
    }
  };
  await visit('scripts/generator');
  return hash.digest('hex').slice(0, 12);
}

export async function prepareScenarios(settings: ScenarioSettings, cacheRoot: string, log: (text: string) => void): Promise<Scenario[]> {
  const key = createHash('sha256').update(JSON.stringify(settings)).update(await sourceHash()).digest('hex').slice(0, 12);
  const scenarios: Scenario[] = [];
  for (const [index, name] of settings.formats.entries()) {
    const format = findWriterFormat(name) as LogWriterFormat;
    const seed = settings.seed + 1000 * index;
    const dir = join(cacheRoot, `${name}-${key}`);
    const incidentsDir = join(dir, 'incidents');
    const cleanDir = join(dir, 'clean');
    const done = join(dir, 'complete');
    if (!existsSync(done)) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      log(`generating ${name} (seed ${seed}): a clean day to learn, the next day with ${PLANTED_KINDS.length} kinds planted, and that day clean …`);
      const common = { seed, startMs: settings.startMs, durationMs: DAY, ratePerSecond: settings.ratePerSecond, formats: [format], scale: 1 };
      await generateTraffic({ ...common, outDir: incidentsDir, kinds: PLANTED_KINDS, learnDays: 1 });
      await generateTraffic({ ...common, outDir: cleanDir, kinds: [], learnDays: 0 });
      await writeFile(done, new Date(0).toISOString());
    }
    const labels = JSON.parse(await readFile(join(incidentsDir, 'labels.json'), 'utf8')) as LabelsDocument;
    scenarios.push({
      format: name,
      seed,
      learnFile: join(incidentsDir, `${name}.learn.${format.extension}`),
      incidentFile: join(incidentsDir, `${name}.${format.extension}`),
      cleanFile: join(cleanDir, `${name}.${format.extension}`),
      labels,
    });
  }
  return scenarios;
}
