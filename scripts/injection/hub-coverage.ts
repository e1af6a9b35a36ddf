// The hub part of `npm run eval:injection` on its own (seconds, not minutes): how many CrowdSec hub
// attack tests have their expected addresses carrying a request-scan finding, per class, and which
// tests have none. Run: node --import tsx scripts/injection/hub-coverage.ts
import { FINDING_CLASSES } from '../../src/detect/injection/findings.js';
import { scanHubTests } from './hub-tests.js';

const outcomes = await scanHubTests();
const every = outcomes.filter((o) => o.expected.length > 0 && o.flagged.length === o.expected.length).length;
const some = outcomes.filter((o) => o.flagged.length > 0).length;
console.log(`hub tests with every expected address flagged: ${every} of ${outcomes.length}; with at least one: ${some}`);
for (const cls of FINDING_CLASSES) {
  const tests = outcomes.filter((o) => o.classes.includes(cls)).map((o) => o.file.split('/')[0]);
  console.log(`  ${cls.padEnd(15)} ${String(tests.length).padStart(3)} tests  ${tests.join(', ')}`);
}
const none = outcomes.filter((o) => o.flagged.length === 0).map((o) => o.file.split('/')[0]);
console.log(`  no finding (${none.length}): ${none.join(', ')}`);
