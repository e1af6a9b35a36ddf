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

/** The exit codes, in `anomalog --help` (and the README's table). */
export const EXIT_CODES_HELP = `
Exit codes:
  0    done; no incident at or above --fail-on
  1    done; an incident at or above --fail-on
  2    usage or input error (one line on stderr); nothing to judge (no record
       analysed: empty input, every line skipped, filters past the data;
       --allow-empty makes that 0); with --strict, a baseline whose routes
       barely overlap the scored traffic
  130  interrupted (SIGINT, Ctrl-C); no temporary file is left
  143  terminated (SIGTERM); no temporary file is left
`;

/**
 * Every command registers itself here, one line each, in the order `--help` lists them.
 * Each command lives in its own file under src/cli/.
 */
export function registerCommands(program: Command): void {
  program.addHelpText('after', `\nExample:\n  $ anomalog parse --stats fixtures/ingest/nginx-combined.log\n${EXIT_CODES_HELP}`);
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
