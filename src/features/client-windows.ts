import { ClientWindowTable } from './client-window-table.js';
import { compactCopy } from '../normalize/compact-copy.js';
import { WindowStats } from './window-stats.js';

/** One client: its open window as an object, its closed windows as rows of the table. */
export interface ClientTrack {
  /** The client's name, stored once (see `compactCopy`). */
  key: string;
  /** Table rows of the client's windows, in the order they were opened. */
  rows: number[];
  current: WindowStats | null;
  currentIndex: number;
  currentRow: number;
  /** The user agent of the client's last request, as the aggregation stored it (most clients keep one). */
  lastAgent: { readonly name: string; readonly knownRole: boolean } | null;
}

/**
 * Every client's window rows grouped by window index (flat pairs: client ordinal, row), so a
 * reader of a few windows visits only their rows instead of every client's.
 */
export interface ClientRowsByWindow {
  /** Clients in the order first seen: an ordinal is a position here. */
  readonly clients: readonly string[];
  readonly byIndex: ReadonlyMap<number, readonly number[]>;
}

/**
 * Windows reopened by late records and kept as objects at most this many at a time; past
 * it they are stored back (closed). Logs are nearly time-ordered, so few records are late,
 * except when a second file covers the same hours as the first.
 */
const REOPENED_CAP = 20_000;

/**
 * The windows of every client. Each client has one open window, the one time is at; when
 * time moves on it is closed into a row of a columnar table (see ClientWindowTable). A
 * late record for an earlier window reopens it as an object for a while.
 */
export class ClientWindows {
  readonly entities = new Map<string, ClientTrack>();
  readonly table = new ClientWindowTable();
  private readonly reopened = new Map<number, WindowStats>();

  /** The client's track, created on first sight. */
  track(key: string): ClientTrack {
    let track = this.entities.get(key);
    if (!track) {
      track = { key: compactCopy(key), rows: [], current: null, currentIndex: -Infinity, currentRow: -1, lastAgent: null };
      this.entities.set(track.key, track);
    }
    return track;
  }

  /** The client's window at `index`, to count a record in. */
  windowOf(track: ClientTrack, index: number): WindowStats {
    if (track.currentIndex === index && track.current) return track.current;
    if (index > track.currentIndex) {
      const row = this.table.addRow(index);
      track.rows.push(row);
      if (track.current) {
        // Stored as it is (its counts are final) and emptied for the next window: no object per window.
        this.table.write(track.currentRow, track.current);
        track.current.reuse();
      } else track.current = new WindowStats();
      track.currentIndex = index;
      track.currentRow = row;
      return track.current;
    }
    let row = this.rowAt(track, index);
    let stats = row < 0 ? undefined : this.reopened.get(row);
    if (stats !== undefined) return stats;
    if (this.reopened.size >= REOPENED_CAP) this.storeReopened();
    if (row < 0) {
      row = this.table.addRow(index);
      track.rows.push(row);
      stats = new WindowStats();
    } else stats = this.table.read(row);
    this.reopened.set(row, stats);
    return stats;
  }

  /** The row of the client's window at `index`, or -1. Searched from the latest: late records are rarely far behind. */
  rowAt(track: ClientTrack, index: number): number {
    const rows = track.rows;
    for (let i = rows.length - 1; i >= 0; i--) if (this.table.index(rows[i]!) === index) return rows[i]!;
    return -1;
  }

  /** The track's rows, earliest window first. */
  rowsByIndex(track: ClientTrack): number[] {
    return [...track.rows].sort((a, b) => this.table.index(a) - this.table.index(b));
  }

  /** Every client's rows by window index. Call after `closeAll`, once per reading of many windows. */
  rowsByWindow(): ClientRowsByWindow {
    const clients: string[] = [];
    const byIndex = new Map<number, number[]>();
    for (const [client, track] of this.entities) {
      const ordinal = clients.push(client) - 1;
      for (const row of track.rows) {
        const index = this.table.index(row);
        let pairs = byIndex.get(index);
        if (!pairs) byIndex.set(index, (pairs = []));
        pairs.push(ordinal, row);
      }
    }
    return { clients, byIndex };
  }

  /** Closes and stores every window. Call once, after the last record. */
  closeAll(): void {
    for (const track of this.entities.values()) {
      if (track.current === null) continue;
      this.store(track.currentRow, track.current);
      track.current = null;
    }
    this.storeReopened();
  }

  get size(): number {
    return this.entities.size;
  }

  private store(row: number, stats: WindowStats): void {
    stats.close();
    this.table.write(row, stats);
  }

  private storeReopened(): void {
    for (const [row, stats] of this.reopened) this.store(row, stats);
    this.reopened.clear();
  }
}
