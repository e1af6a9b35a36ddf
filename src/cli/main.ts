import { Command, CommanderError } from 'commander';
import { isKnownError, EXIT_USAGE } from '../errors.js';
import { VERSION } from '../version.js';
import { registerCommands } from './commands.js';
import { describeWriteError } from './output-sink.js';

// `anomalog … | head` closes stdout early: end quietly instead of printing an EPIPE trace.
// Any other failure to write stdout (a redirection onto a full disk) is an error of one line, exit 2.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`anomalog: ${describeWriteError('stdout', error)}\n`);
  process.exit(EXIT_USAGE);
});

function buildProgram(): Command {
  const program = new Command();
  program
    .name('anomalog')
    .description('Learn how each API endpoint normally behaves from access logs, and report what is not normal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // One line per error: commander's suggestion ("(Did you mean --seed?)") joins the sentence.
      outputError: (text, write) => write(`${(text.startsWith('error:') ? `anomalog: ${text.slice(7)}` : text).trimEnd().replace(/\s*\n\s*/g, ' ')}\n`),
    });
  registerCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error (exit 2, not commander's 1).
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : EXIT_USAGE;
      return;
    }
    process.exitCode = EXIT_USAGE;
    if (isKnownError(error)) {
      process.stderr.write(`anomalog: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`anomalog: internal error: ${message} (re-run with ANOMALOG_DEBUG=1 for details; please report it)\n`);
    }
    if (process.env.ANOMALOG_DEBUG === '1' && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
}

await main(process.argv);
