import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressBar, type ProgressStream } from '../../src/report/progress.js';

function fakeStream(isTTY: boolean): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 100, written, write: (chunk) => (written.push(chunk), true) };
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

test('draws nothing in the first second, then at most every 100 ms', () => {
  const stream = fakeStream(true);
  const time = clock();
  const bar = new ProgressBar({ stream, totalBytes: 1_000_000, now: time.now });
  time.advance(900);
  bar.update(100_000, 1000);
  assert.equal(stream.written.length, 0);
  time.advance(200); // 1.1 s
  bar.update(500_000, 5500);
  assert.equal(stream.written.length, 1);
  time.advance(50);
  bar.update(510_000, 5600);
  assert.equal(stream.written.length, 1, 'throttled');
  time.advance(60);
  bar.update(520_000, 5700);
  assert.equal(stream.written.length, 2);
  bar.done();
  assert.equal(stream.written.at(-1), '\r\x1b[K');
});

test('shows percentage, bytes, records per second and ETA', () => {
  const stream = fakeStream(true);
  const time = clock();
  const bar = new ProgressBar({ stream, totalBytes: 2_000_000, now: time.now });
  time.advance(2000);
  bar.update(500_000, 10_000);
  const line = stream.written[0] ?? '';
  assert.match(line, / 25% 500\.0 kB of 2\.0 MB, 5,000 records\/s, ETA 6s/);
  assert.ok(line.length < 100);
});

test('silent when not a TTY or when quiet, and done() writes nothing then', () => {
  for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
    const stream = fakeStream(isTTY);
    const time = clock();
    const bar = new ProgressBar({ stream, totalBytes: 10, quiet, now: time.now });
    time.advance(5000);
    bar.update(5, 5);
    bar.done();
    assert.deepEqual(stream.written, []);
  }
});
