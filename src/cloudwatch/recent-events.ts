// Events a Live Tail shown recently, so a restarted session or the polling that takes over does
// not show them again. Live Tail events have no id: each is known by a hash of its stream, time
// and text (never the text itself, which may be 256 KB). Only the last `windowMs` below the
// newest timestamp are kept (the next session or poll starts there), and never more than
// `maxBytes`: past that the oldest are forgotten first, as the newest are the ones that come back.
// Identical events are counted: each copy shown earlier suppresses exactly one arrival.
import { eventKey } from './event-dedupe';
import type { TailEvent } from './types';

interface Entry {
  key: string;
  timestamp: number;
  /** copies shown in earlier sessions and not yet matched by an arrival of this one */
  earlier: number;
  /** copies shown in the current session */
  current: number;
  /** the session `current` belongs to; older means `current` is really `earlier` */
  session: number;
}

/**
 * Rough heap cost of one remembered event: the 22-character key, the entry object, the map slot
 * and the queue slot (208 bytes measured with 200,000 events on Node 20; rounded up).
 */
export const BYTES_PER_EVENT = 256;

export class RecentEvents {
  private readonly entries = new Map<string, Entry>();
  // insertion order, so forgetting by time or size never scans the map
  private queue: Entry[] = [];
  private head = 0;
  private session = 0;
  private newest_ = -Infinity;
  private readonly maxEntries: number;

  constructor(
    readonly windowMs = 5000,
    maxBytes = 4 * 1024 * 1024,
  ) {
    this.maxEntries = Math.max(1, Math.floor(maxBytes / BYTES_PER_EVENT));
  }

  /** distinct events remembered */
  get size(): number {
    return this.entries.size;
  }

  /** estimated heap bytes held (the bound is `maxBytes`) */
  get bytes(): number {
    return this.entries.size * BYTES_PER_EVENT;
  }

  /** newest timestamp shown, -Infinity before the first */
  get newest(): number {
    return this.newest_;
  }

  /** A new session (or the polling after Live Tail) begins: what was shown so far counts as earlier. */
  nextSession(): void {
    this.session++;
  }

  /**
   * An event arrives in the current session: false when it repeats a copy shown in an earlier
   * session (that copy is now matched), else true, and the event is remembered as shown.
   */
  admit(ev: TailEvent): boolean {
    const key = eventKey(ev);
    let e = this.entries.get(key);
    if (e) {
      this.fold(e);
      e.current++;
      if (e.earlier > 0) {
        e.earlier--;
        return false;
      }
      return true;
    }
    e = { key, timestamp: ev.timestamp, earlier: 0, current: 1, session: this.session };
    this.entries.set(key, e);
    this.queue.push(e);
    if (ev.timestamp > this.newest_) this.newest_ = ev.timestamp;
    this.forget();
    return true;
  }

  /** For a reader that only checks (polling): true, and one earlier copy matched, when `ev` was shown before. */
  consume(ev: TailEvent): boolean {
    const e = this.entries.get(eventKey(ev));
    if (!e) return false;
    this.fold(e);
    if (e.earlier === 0) return false;
    e.earlier--;
    return true;
  }

  private fold(e: Entry): void {
    if (e.session === this.session) return;
    e.earlier += e.current;
    e.current = 0;
    e.session = this.session;
  }

  private forget(): void {
    const floor = this.newest_ - this.windowMs;
    while (this.head < this.queue.length) {
      const e = this.queue[this.head];
      if (e.timestamp >= floor && this.entries.size <= this.maxEntries) break;
      this.entries.delete(e.key);
      this.head++;
    }
    // drop the consumed front of the queue now and then (amortised O(1) per event)
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
