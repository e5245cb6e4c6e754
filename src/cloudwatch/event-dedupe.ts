// Memory of events already shown, for the polling overlap window. Each poll re-reads from a
// little before the newest timestamp seen (late and same-millisecond events), so ids seen in
// that window are remembered and anything older is forgotten: memory stays proportional to the
// window, not to the length of the tail.
import { createHash } from 'node:crypto';

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

/**
 * Identity of an event that has no id (StartLiveTail gives none): a hash of its stream, time and
 * text, 22 characters whatever the message size (messages may be 256 KB). SHA-256, which every
 * Node build has (FIPS ones included), truncated to 132 bits: a false match is out of reach.
 */
export function eventKey(e: { logStreamName: string; timestamp: number; message: string }): string {
  return createHash('sha256').update(`${e.logStreamName}\u0000${e.timestamp}\u0000`).update(e.message).digest('base64url').slice(0, 22);
}
