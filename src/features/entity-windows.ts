import { compactCopy } from '../normalize/compact-copy.js';
import { WindowStats } from './window-stats.js';

/**
 * The windows of one kind of entity (all endpoints, or all clients…), keyed by entity then
 * window index. Logs are nearly time-ordered, so each entity caches its current window and
 * closes the previous one (freeing its sets) when time moves on.
 */
export class EntityWindows {
  readonly entities = new Map<string, EntityTrack>();

  /** The entity's track, created on first sight. `track.key` is a compact copy of `key` to store elsewhere. */
  track(key: string): EntityTrack {
    let track = this.entities.get(key);
    if (!track) {
      track = { key: compactCopy(key), windows: new Map(), currentIndex: -1, current: null };
      this.entities.set(track.key, track);
    }
    return track;
  }

  window(key: string, index: number, create: (stats: WindowStats) => void): WindowStats {
    return this.windowOf(this.track(key), index, create);
  }

  /** Like `window`, for a track already looked up. */
  windowOf(track: EntityTrack, index: number, create: (stats: WindowStats) => void): WindowStats {
    if (track.currentIndex === index && track.current) return track.current;
    let stats = track.windows.get(index);
    if (!stats) {
      stats = new WindowStats();
      create(stats);
      track.windows.set(index, stats);
    }
    if (track.current && index > track.currentIndex) track.current.close();
    if (index >= track.currentIndex) {
      track.currentIndex = index;
      track.current = stats;
    }
    return stats;
  }

  closeAll(): void {
    for (const track of this.entities.values()) for (const stats of track.windows.values()) stats.close();
  }

  get size(): number {
    return this.entities.size;
  }
}

export interface EntityTrack {
  /** The entity's name, stored once (see `compactCopy`). */
  key: string;
  windows: Map<number, WindowStats>;
  currentIndex: number;
  current: WindowStats | null;
}
