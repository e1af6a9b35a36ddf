// Splices a hub test's access lines into a benign background log: time-shifted into the middle
// of the background, spacing kept, each line placed among the background lines of its minute.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseClfTime, renderCombined, type AccessLine } from './hub-tests.js';

export interface Background {
  file: string;
  lines: string[];
  /** Epoch ms per line (NaN when the line has no timestamp). */
  times: number[];
  first: number;
  last: number;
  clients: Set<string>;
}

export function loadBackground(file: string): Background {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const times = lines.map((line) => parseClfTime(/\[([^\]]+)\]/.exec(line)?.[1] ?? ''));
  const known = times.filter((t) => !Number.isNaN(t));
  const clients = new Set(lines.map((l) => l.slice(0, l.indexOf(' '))));
  return { file, lines, times, first: Math.min(...known), last: Math.max(...known), clients };
}

/** A gap longer than this is cut to it when a test spans more time than the background holds. */
const LONGEST_GAP_MS = 3_600_000;

export interface Placement {
  /** Shifted time of each test line, in the order of `lines`. */
  times: number[];
  /** Gaps of the test cut to an hour because its span exceeded the background's. */
  gapsCut: number;
}

/**
 * Keeps the test's spacing and centres its span on the middle of the background; the first line
 * then moves to the nearest minute the background has traffic in (at its own second), so a short
 * attack lands among benign requests rather than alone in a silent stretch. Without `snap` the span
 * is centred exactly, wherever that falls.
 */
export function placeInMiddle(lines: readonly AccessLine[], background: Background, snap = true): Placement {
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a] as AccessLine).time - (lines[b] as AccessLine).time);
  const sorted = order.map((i) => (lines[i] as AccessLine).time);
  const first = sorted[0] as number;
  let offsets = sorted.map((t) => t - first);
  let gapsCut = 0;
  const room = background.last - background.first;
  if ((offsets[offsets.length - 1] as number) > room) {
    const cut: number[] = [0];
    for (let i = 1; i < sorted.length; i++) {
      let gap = (sorted[i] as number) - (sorted[i - 1] as number);
      if (gap > LONGEST_GAP_MS) {
        gap = LONGEST_GAP_MS;
        gapsCut++;
      }
      cut.push((cut[i - 1] as number) + gap);
    }
    offsets = cut;
  }
  const span = offsets[offsets.length - 1] as number;
  const target = (background.first + background.last) / 2 - span / 2;
  let nearest = background.first;
  for (const t of background.times) if (!Number.isNaN(t) && Math.abs(t - target) < Math.abs(nearest - target)) nearest = t;
  const start = snap ? Math.floor(nearest / 60_000) * 60_000 + (first % 60_000) : Math.round(target / 1000) * 1000;
  const times = new Array<number>(lines.length);
  order.forEach((lineIndex, rank) => {
    times[lineIndex] = start + (offsets[rank] as number);
  });
  return { times, gapsCut };
}

/**
 * The background with the test's lines inserted: each test line goes right before the first
 * background line of a later minute (the background is ordered by minute, shuffled within one).
 */
export function spliceLines(lines: readonly AccessLine[], placement: Placement, background: Background): string {
  const pending = lines
    .map((line, i) => ({ time: placement.times[i] as number, text: renderCombined(line, placement.times[i] as number) }))
    .sort((a, b) => a.time - b.time);
  const out: string[] = [];
  let next = 0;
  background.lines.forEach((line, i) => {
    const minute = Math.floor((background.times[i] as number) / 60_000);
    while (next < pending.length && Math.floor((pending[next] as { time: number }).time / 60_000) < minute) out.push((pending[next++] as { text: string }).text);
    out.push(line);
  });
  while (next < pending.length) out.push((pending[next++] as { text: string }).text);
  return `${out.join('\n')}\n`;
}
