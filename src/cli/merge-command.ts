import { Option, type Command } from 'commander';
import { serializeBaseline } from '../baseline/baseline-file.js';
import { loadBaseline } from '../pipeline/load-baseline.js';
import { mergeBaselines } from '../baseline/merge-baselines.js';
import { retrainModels } from '../detect/learn-baseline.js';
import { evenly } from '../detect/feature-matrix.js';
import { KEPT_TRAINING_ROWS } from '../detect/entity-model.js';
import { InjectionDetector } from '../detect/injection/injection-detector.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import { writeOutput } from './output-sink.js';
import { UsageError } from '../errors.js';

export function registerMergeCommand(program: Command): void {
  const command = program
    .command('merge')
    .description('merge baselines learned from different files into one (sketches and counts are mergeable by design)')
    .argument('<baselines...>', "two or more baselines written by 'anomalog learn'")
    .addOption(new Option('-o, --output <file>', 'where to write the merged baseline').makeOptionMandatory());
  command.addHelpText('after', `
Example:
  $ anomalog learn monday.log -o mon.json && anomalog learn tuesday.log -o tue.json
  $ anomalog merge mon.json tue.json -o week.json`);
  command.action(async (paths: string[]) => {
    const { output } = command.opts<{ output: string }>();
    if (paths.length < 2) throw new UsageError('merge needs at least two baselines');
    let merged: { records: number; endpoints: number } | undefined;
    await writeOutput(output, async (sink) => {
      const files = [];
      for (const path of paths) files.push(await loadBaseline(path));
      const injections = files.map((f) => (f.baseline.injection === null ? null : InjectionDetector.fromJSON(f.baseline.injection)));
      const { baseline, training, files: sources } = mergeBaselines(files, paths);
      const detector = injections.find((d) => d !== null) ?? null;
      for (const other of injections) if (other && other !== detector) detector!.merge(other);
      baseline.injection = detector ? detector.toJSON() : null;
      for (const kind of ENTITY_KINDS) if (training[kind]) training[kind] = evenly(training[kind]!, KEPT_TRAINING_ROWS);
      retrainModels(baseline, training);
      await sink.write(serializeBaseline(baseline, training, sources));
      merged = { records: baseline.records, endpoints: baseline.endpoints.size };
    });
    if (merged === undefined) return;
    process.stderr.write(`anomalog: merged ${paths.length} baselines (${merged.records} records, ${merged.endpoints} endpoints) into ${output}\n`);
  });
}
