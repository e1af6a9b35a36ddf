import { WindowStats } from './window-stats.js';

/**
 * The windows of one kind of entity (all endpoints, or all clients…), keyed by entity then
 * window index. Logs are nearly time-ordered, so each entity caches its current window and
 * closes the previous one (freeing its sets) when time moves on.
 */
export class EntityWindows {
  readonly entities = new Map<string, EntityTrack>();

  window(key: string, index: number, create: (stats: WindowStats) => void): WindowStats {
    let track = this.entities.get(key);
    if (!track) {
      track = { windows: new Map(), currentIndex: -1, current: null };
      this.entities.set(key, track);
    }
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
  windows: Map<number, WindowStats>;
  currentIndex: number;
  current: WindowStats | null;
}
