import { Option, type Command } from 'commander';
import Table from 'cli-table3';
import { inspectBaseline } from '../pipeline/load-baseline.js';
import type { BaselineDescription } from '../features/describe-baseline.js';
import { escapeTerminal } from '../text/sanitize.js';
import { openOutputSink } from './output-sink.js';
import { formatBytes, formatMs, formatPercent, formatCount } from '../text/format-values.js';

export function registerInspectCommand(program: Command): void {
  const command = program
    .command('inspect')
    .description('show what a baseline holds: time span, endpoints with their normal figures, consumers, model settings, the features each forest reads')
    .argument('<baseline>', "a baseline written by 'anomalog learn'")
    .addOption(new Option('--format <format>', 'table or json').choices(['table', 'json']))
    .addOption(new Option('--top <n>', 'endpoints and consumers listed at most (table)').default('30'));
  command.addHelpText('after', `
Examples:
  $ anomalog inspect baseline.json
  $ anomalog inspect baseline.json --format json | jq '.endpoints[0]'`);
  command.action(async (path: string) => {
    const options = command.opts<{ format?: 'table' | 'json'; top: string }>();
    const description = await inspectBaseline(path);
    const sink = await openOutputSink(undefined);
    const format = options.format ?? (sink.isTty ? 'table' : 'json');
    await sink.write(format === 'json' ? `${JSON.stringify(description, null, 2)}\n` : renderDescription(description, Math.max(1, Number(options.top) || 30)));
    await sink.close();
  });
}

function renderDescription(d: BaselineDescription, top: number): string {
  const plain = { style: { head: [], border: [] } };
  const lines: string[] = [];
  lines.push(`Baseline of ${formatCount(d.records)} records from ${d.timeRange.start} to ${d.timeRange.end} (${d.files.length} file${d.files.length === 1 ? '' : 's'}), window ${d.window}`);
  lines.push(`Model: ${d.model.trees} trees × ${d.model.sampleSize} rows, seed ${d.model.seed}; forests for ${d.model.entities.join(', ') || 'none'}`);
  lines.push(`Clients: ${formatCount(d.clients.windows)} client windows; a busy client sends ${formatCount(d.clients.requestsP95)} requests per window (p95)`);
  const endpoints = new Table({ head: ['endpoint', 'requests', 'per window', 'p50', 'p95', 'p99', '4xx', '5xx', 'size p50', 'clients'], ...plain });
  for (const e of d.endpoints.slice(0, top)) {
    endpoints.push([
      escapeTerminal(e.endpoint),
      formatCount(e.requests),
      formatCount(e.meanPerWindow),
      e.latencyMs.p50 === null ? '-' : formatMs(e.latencyMs.p50),
      e.latencyMs.p95 === null ? '-' : formatMs(e.latencyMs.p95),
      e.latencyMs.p99 === null ? '-' : formatMs(e.latencyMs.p99),
      formatPercent(e.status4xxRatio),
      formatPercent(e.status5xxRatio),
      e.sizeBytes.p50 === null ? '-' : formatBytes(e.sizeBytes.p50),
      formatCount(e.distinctClients),
    ]);
  }
  lines.push(`\nEndpoints (${d.endpoints.length}, busiest first):`, endpoints.toString());
  if (d.consumers.length > 0) {
    const consumers = new Table({ head: ['consumer', 'requests', 'networks', 'agents', 'endpoints', 'busiest hour (UTC)'], ...plain });
    for (const c of d.consumers.slice(0, top)) consumers.push([escapeTerminal(c.consumer), formatCount(c.requests), String(c.establishedNetworks), String(c.agents), String(c.endpoints), String(c.busiestHour)]);
    lines.push(`\nConsumers (${d.consumers.length}):`, consumers.toString());
  }
  const features = Object.entries(d.model.features).flatMap(([kind, list]) => list.map((f) => [kind, escapeTerminal(f.name), f.unit ?? '-', f.description ?? 'not a feature this version knows']));
  if (features.length > 0) {
    // One line per feature, columns aligned: the descriptions are sentences, not cells.
    const width = [0, 1, 2].map((column) => Math.max(...features.map((row) => row[column]!.length)));
    lines.push('\nFeatures each forest reads (vector order):');
    for (const row of features) lines.push(`  ${row.map((cell, i) => (i < 3 ? cell.padEnd(width[i]!) : cell)).join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}
