// Memory of events already shown, for the polling overlap window. Each poll re-reads from a
// little before the newest timestamp seen (late and same-millisecond events), so ids seen in
// that window are remembered and anything older is forgotten: memory stays proportional to the
// window, not to the length of the tail.

export class WindowDedupe {
  // insertion order ≈ timestamp order, so pruning walks from the front
  private readonly ids = new Map<string, number>();

  constructor(private readonly maxEntries = 200_000) {}

  get size(): number {
    return this.ids.size;
  }

  /** true when the id is new (and now remembered); false for a repeat */
  add(id: string, timestamp: number): boolean {
    if (this.ids.has(id)) return false;
    this.ids.set(id, timestamp);
    if (this.ids.size > this.maxEntries) {
      // safety valve for absurd bursts inside one window: forget the oldest tenth in one pass
      // (one at a time would rescan the map's deleted slots on every insert)
      let drop = Math.max(1, Math.floor(this.maxEntries / 10));
      for (const k of this.ids.keys()) {
        if (drop-- <= 0) break;
        this.ids.delete(k);
      }
    }
    return true;
  }

  /** Forget ids older than the start of the next query's window; they cannot come back. */
  prune(windowStart: number): void {
    for (const [id, ts] of this.ids) {
      if (ts >= windowStart) break;
      this.ids.delete(id);
    }
  }
}

/** Identity of an event that has no id (StartLiveTail): stream, time and text. */
export function contentKey(e: { logStreamName: string; timestamp: number; message: string }): string {
  return `${e.logStreamName}\u0000${e.timestamp}\u0000${e.message}`;
}

/**
 * A multiset of content keys: when a session restarts or hands over to polling, events already
 * shown may arrive again; each remembered copy suppresses exactly one arrival.
 */
export class ContentKeyMultiset {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxEntries = 50_000) {}

  get size(): number {
    return this.total;
  }

  add(key: string): void {
    if (this.total >= this.maxEntries) return;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }

  /** true (and one copy consumed) when the key was remembered */
  consume(key: string): boolean {
    const n = this.counts.get(key);
    if (!n) return false;
    if (n === 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
    this.total--;
    return true;
  }

  clone(): ContentKeyMultiset {
    const c = new ContentKeyMultiset(this.maxEntries);
    for (const [k, n] of this.counts) c.counts.set(k, n);
    c.total = this.total;
    return c;
  }

  clear(): void {
    this.counts.clear();
    this.total = 0;
  }
}
