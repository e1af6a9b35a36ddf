import type { Command } from 'commander';
import { registerParseCommand } from './parse-command.js';
import { registerFormatsCommand } from './formats-command.js';
import { registerAnalyzeCommand } from './analyze-command.js';
import { registerLearnCommand } from './learn-command.js';
import { registerScoreCommand } from './score-command.js';
import { registerInspectCommand } from './inspect-command.js';
import { registerMergeCommand } from './merge-command.js';
import { registerTopCommand } from './top-command.js';
import { registerShowCommand } from './show-command.js';
import { registerExplainCommand } from './explain-command.js';

/**
 * Every command registers itself here, one line each, in the order `--help` lists them.
 * Each command lives in its own file under src/cli/.
 */
export function registerCommands(program: Command): void {
  program.addHelpText('after', '\nExample:\n  $ anomalog parse --stats fixtures/ingest/nginx-combined.log\n');
  registerAnalyzeCommand(program);
  registerLearnCommand(program);
  registerScoreCommand(program);
  registerInspectCommand(program);
  registerMergeCommand(program);
  registerShowCommand(program);
  registerExplainCommand(program);
  registerTopCommand(program);
  registerParseCommand(program);
  registerFormatsCommand(program);
}
