// Where a log stream stands, so that a reconnect (API server restart, dropped connection) neither
// repeats nor loses lines. The API resumes from `sinceTime` in whole seconds: the lines of that
// second up to the last one delivered come again and are skipped here — those before it by their
// time, those at the same instant by how many were delivered at it. Pure.
import type { TimedLine } from './log-lines';

export class ResumeCursor {
  private lastKey = '';
  private lastTs = '';
  /** Lines delivered with lastKey. */
  private atLast = 0;
  /** While replaying after a reconnect: lines at lastKey still to skip. */
  private skip = 0;
  private replaying = false;

  /** The last delivered timestamp ('' before any). */
  get last(): string {
    return this.lastTs;
  }

  /** Called when a resumed stream starts: what it sends first was seen already. */
  beginReplay(): void {
    if (!this.lastKey) return;
    this.replaying = true;
    this.skip = this.atLast;
  }

  /** Whether the line is new (and then it counts as delivered). */
  accept(line: TimedLine): boolean {
    if (!line.key) return !this.replaying; // no timestamp: cannot tell, show it unless replaying
    if (this.replaying) {
      if (line.key < this.lastKey) return false;
      if (line.key === this.lastKey && this.skip > 0) {
        this.skip--;
        return false;
      }
      this.replaying = false;
    }
    if (line.key === this.lastKey) this.atLast++;
    else if (line.key > this.lastKey) {
      this.lastKey = line.key;
      this.lastTs = line.ts;
      this.atLast = 1;
    }
    // an earlier line arriving late (stdout and stderr interleave) is shown and leaves the cursor
    return true;
  }
}
