// What the client windows of one input cost: windows, routes, bytes of the columnar table,
// and the heap and RSS once every record is aggregated (after a full GC).
// node --expose-gc --heap-growing-percent=50 --import tsx scripts/bench/client-windows.ts FILE
import { aggregateInputs } from '../../src/pipeline/aggregate-inputs.js';

const file = process.argv[2];
const collect = (globalThis as { gc?: () => void }).gc;
if (file === undefined || collect === undefined) {
  process.stderr.write('usage: node --expose-gc --import tsx scripts/bench/client-windows.ts FILE\n');
  process.exit(2);
}
const started = performance.now();
const { aggregator } = await aggregateInputs([file], {}, 300_000, {});
const seconds = (performance.now() - started) / 1000;
collect();
const { table } = aggregator.clients;
let routes = 0;
for (let row = 0; row < table.rows; row++) routes += table.routeCount(row);
const memory = process.memoryUsage();
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
process.stdout.write(
  [
    `records            ${aggregator.records.toLocaleString('en-US')} (aggregated in ${seconds.toFixed(1)} s)`,
    `clients            ${aggregator.clients.size.toLocaleString('en-US')}`,
    `client windows     ${table.rows.toLocaleString('en-US')}`,
    `their routes       ${routes.toLocaleString('en-US')}`,
    `table              ${mb(table.byteLength)} (${(table.byteLength / Math.max(1, table.rows)).toFixed(0)} bytes per window, block slack included)`,
    `heap used          ${mb(memory.heapUsed)}`,
    `array buffers      ${mb(memory.arrayBuffers)}`,
    `rss                ${mb(memory.rss)}`,
  ].join('\n') + '\n',
);
