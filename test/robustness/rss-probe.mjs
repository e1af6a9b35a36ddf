// Preloaded into a CLI run by runCliMeasured: reports the process's peak RSS on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nmaxrss-kib=${process.resourceUsage().maxRSS}\n`);
});
