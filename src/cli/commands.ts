import type { Command } from 'commander';

/**
 * Every command registers itself here, one line each, in the order `--help` lists them.
 * Each command lives in its own file under src/cli/.
 */
export function registerCommands(program: Command): void {
  void program;
}
