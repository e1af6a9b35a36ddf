// CSV with a header row: quoting (commas and escaped quotes inside fields), bad
// rows counted with a reason, --map on column names, delimiters and detection.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord, ParseOutcome } from '../../../src/types.js';
import { csvFormat } from '../../../src/ingest/formats/csv.js';

function parseLines(lines: string[], fieldMap?: Record<string, string>): ParseOutcome[] {
  const parser = csvFormat.createParser({ fieldMap });
  return lines.map((line, index) => parser.parse(line, { file: 'export.csv', line: index + 1 }));
}

const HEADER = 'time,client_ip,method,path,status,bytes_sent,duration_ms,user_agent,request_id';

describe('csv', () => {
  it('reads the header as a skipped line and a quoted row field by field', () => {
    const row =
      '2024-05-01T10:00:00.5Z,203.0.113.9,GET,"/search?q=a,b",200,1234,15.5,"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ""quoted""",req-1';
    const [header, record] = parseLines([HEADER, row]);
    assert.equal(header, 'header');
    assert.deepEqual(record, {
      timeMs: Date.UTC(2024, 4, 1, 10, 0, 0, 500),
      client: '203.0.113.9',
      method: 'GET',
      path: '/search',
      query: 'q=a,b',
      route: null,
      status: 200,
      bytesSent: 1234,
      bytesReceived: null,
      durationMs: 15.5,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "quoted"',
      referer: null,
      consumer: null,
      host: null,
      requestId: 'req-1',
      upstream: null,
      source: { file: 'export.csv', line: 2 },
    } satisfies LogRecord);
  });

  it('counts bad rows with a reason instead of dropping them', () => {
    const outcomes = parseLines([
      HEADER,
      '2024-05-01T10:00:00Z,203.0.113.9,GET,"/unclosed,200,1,1,ua,r', // unbalanced quote
      '2024-05-01T10:00:00Z,203.0.113.9,GET,/a,200', // too few columns
      '',
      '2024-05-01T10:00:01Z,203.0.113.9,GET,/b,404,0,1,ua,r2',
      'not a time,203.0.113.9,GET,/c,200,0,1,ua,r3',
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => (typeof outcome === 'string' ? outcome : 'record')),
      ['header', 'bad-csv', 'csv-column-count', 'blank', 'record', 'bad-timestamp'],
    );
  });

  it('maps arbitrary column names with --map, including a request line and seconds', () => {
    const outcomes = parseLines(['ts;ip;req;code;secs;who', '22/Apr/2024:17:56:07 +0000;[::1]:8080;POST /login HTTP/1.1;401;0.120;bob'], {
      time: 'ts',
      client: 'ip',
      request: 'req',
      status: 'code',
      durationS: 'secs',
      consumer: 'who',
    });
    const record = outcomes[1] as LogRecord;
    assert.equal(typeof record, 'object');
    assert.equal(record.timeMs, Date.UTC(2024, 3, 22, 17, 56, 7));
    assert.equal(record.client, '::1');
    assert.equal(record.method, 'POST');
    assert.equal(record.path, '/login');
    assert.equal(record.status, 401);
    assert.equal(record.durationMs, 120);
    assert.equal(record.consumer, 'bob');
  });

  it('reads tab-separated files when the header is tab-separated', () => {
    const outcomes = parseLines(['timestamp\tmethod\turl\tstatus', '1714557600\tGET\thttps://api.example/v1/x?y=1\t500']);
    const record = outcomes[1] as LogRecord;
    assert.equal(record.timeMs, 1714557600000);
    assert.equal(record.path, '/v1/x');
    assert.equal(record.host, 'api.example');
    assert.equal(record.status, 500);
  });

  it('detects header rows and data rows, not JSON or CLF lines', () => {
    assert.equal(csvFormat.detect(HEADER), 0.6);
    assert.equal(csvFormat.detect('2024-05-01T10:00:00Z,203.0.113.9,GET,/a,200,10,1,curl,r'), 0.35);
    assert.equal(csvFormat.detect('{"time":"2024-05-01T00:00:00Z","path":"/a","status":200}'), 0);
    assert.equal(
      csvFormat.detect('1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326 "-" "Mozilla/5.0 (KHTML, like Gecko)"'),
      0,
    );
  });
});
