// Prints the test fixture report in one format, for docs/report.md and for a
// quick look at a renderer: node --import tsx test/report/render-example.ts <format> [top] [--redact KEY]
import { redactReport } from '../../src/report/redact.js';
import { isReportFormat, REPORT_FORMATS, renderers } from '../../src/report/renderers.js';
import { hostileReport } from './fixtures.js';

const [format = 'table', top, flag, key] = process.argv.slice(2);
if (!isReportFormat(format)) {
  process.stderr.write(`format must be one of ${REPORT_FORMATS.join(', ')}\n`);
  process.exit(2);
}
const report = flag === '--redact' && key ? redactReport(hostileReport(), key) : hostileReport();
process.stdout.write(
  renderers[format](report, { color: false, top: top ? Number(top) : undefined, elapsedMs: 1234, terminalWidth: 120 }),
);
