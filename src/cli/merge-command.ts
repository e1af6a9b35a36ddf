import { Option, type Command } from 'commander';
import { serializeBaseline, type BaselineFile } from '../baseline/baseline-file.js';
import { loadBaseline } from '../pipeline/load-baseline.js';
import { escapeTerminal } from '../text/sanitize.js';
import { mergeBaselineFiles } from '../pipeline/merge-baseline-files.js';
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
      const sources = refuseOverlappingSources(files, paths);
      const { baseline, training, files: inputFiles } = mergeBaselineFiles(files, paths);
      await sink.write(serializeBaseline(baseline, training, inputFiles, sources));
      merged = { records: baseline.records, endpoints: baseline.endpoints.size };
    });
    if (merged === undefined) return;
    process.stderr.write(`anomalog: merged ${paths.length} baselines (${merged.records} records, ${merged.endpoints} endpoints) into ${output}\n`);
  });
}

/**
 * The fingerprints of the merged baseline, after checking that no learned part is in two
 * inputs: `merge a.json a.json`, or `merge ab.json a.json` where ab.json already holds a.json,
 * would count that traffic twice. Each baseline records the fingerprints of the learned
 * baselines it adds up (`sources` in the file), so this holds through merges of merges.
 */
function refuseOverlappingSources(files: readonly BaselineFile[], paths: readonly string[]): string[] {
  const owner = new Map<string, number>();
  files.forEach((file, index) => {
    for (const source of file.sources) {
      const first = owner.get(source);
      if (first !== undefined && first !== index) {
        const what = paths[first] === paths[index] ? `${paths[index]} is given twice` : `${paths[first]} and ${paths[index]} hold the same learned traffic (one is, or contains, the other)`;
        throw new UsageError(`cannot merge: ${escapeTerminal(what)}; merging it would count that traffic twice`);
      }
      owner.set(source, index);
    }
  });
  return [...owner.keys()];
}
