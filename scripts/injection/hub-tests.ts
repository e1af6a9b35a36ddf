// The CrowdSec hub's own attack tests (../shared/data/real/crowdsec-hub-tests) through the
// request scan alone: for each test, does any request of each address CrowdSec must alert
// on carry a finding, and of which classes. Parsed by the tool's own format detection.

import { readFileSync } from 'node:fs';
import { createIngestStats, readRecords } from '../../src/ingest/read-records.js';
import { scanRequest } from '../../src/detect/injection/scan-request.js';
import { FINDING_CLASSES, type FindingClass } from '../../src/detect/injection/findings.js';
import { DATA_ROOT } from './datasets.js';

const HUB = `${DATA_ROOT}/crowdsec-hub-tests`;

export interface HubTestOutcome {
  file: string;
  scenarios: string;
  /** Addresses CrowdSec must alert on. */
  expected: string[];
  /** Of those, the ones with at least one request carrying a finding. */
  flagged: string[];
  /** Classes found on the expected addresses' requests. */
  classes: FindingClass[];
  records: number;
}

interface Label {
  file: string;
  kind: string;
  scenarios: string;
  ips: string[];
}

function labels(): Label[] {
  const [, ...rows] = readFileSync(`${HUB}/labels.csv`, 'utf8').trim().split('\n');
  return rows.map((row) => {
    const cells = row.split(',');
    return { file: cells[0]!, kind: cells[3]!, scenarios: cells[5]!, ips: cells[6]!.split(' ').filter((ip) => ip !== '') };
  });
}

/** Every attack test (`kind = attack` in labels.csv). */
export async function scanHubTests(): Promise<HubTestOutcome[]> {
  const outcomes: HubTestOutcome[] = [];
  for (const label of labels().filter((l) => l.kind === 'attack')) {
    const flagged = new Set<string>();
    const classes = new Set<FindingClass>();
    let records = 0;
    const expected = new Set(label.ips);
    try {
      for await (const record of readRecords([`${HUB}/${label.file}`], { onWarning: () => {} }, createIngestStats())) {
        records++;
        if (record.client === null || !expected.has(record.client)) continue;
        const scan = scanRequest(record);
        if (scan === null) continue;
        flagged.add(record.client);
        for (const c of scan.classes) classes.add(c);
      }
    } catch {
      // A format the tool does not read (LiteSpeed's error log): no records, counted as missed.
    }
    outcomes.push({
      file: label.file,
      scenarios: label.scenarios,
      expected: label.ips,
      flagged: label.ips.filter((ip) => flagged.has(ip)),
      classes: FINDING_CLASSES.filter((c) => classes.has(c)),
      records,
    });
  }
  return outcomes;
}
