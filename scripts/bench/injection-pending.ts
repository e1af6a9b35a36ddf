// How many requests the injection scan holds at the end of an input (analyze mode): the ones
// waiting for the learned profiles, and the ones flagged.
// node --import tsx scripts/bench/injection-pending.ts FILE
import { aggregateInputs } from '../../src/pipeline/aggregate-inputs.js';
import { startInjectionScan } from '../../src/detect/injection-scan.js';
import { InjectionCollector } from '../../src/detect/injection-incidents.js';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: node --import tsx scripts/bench/injection-pending.ts FILE\n');
  process.exit(2);
}
const counted = InjectionCollector.prototype.finish;
InjectionCollector.prototype.finish = function (this: InjectionCollector, windowMs: number) {
  const held = this as unknown as { pending: unknown[]; flagged: unknown[] };
  process.stdout.write(`waiting for the profiles ${held.pending.length.toLocaleString('en-US')}\nflagged ${held.flagged.length.toLocaleString('en-US')}\n`);
  return counted.call(this, windowMs);
};
const scan = startInjectionScan({ mode: 'analyze', seed: 1 }, 1);
await aggregateInputs([file], {}, 300_000, {}, scan);
await scan.finish(300_000);
