// The sync points of a parse (see reparse in parser.ts): where the parser stood at the top of
// its loop with no element open. A parse records one per top-level node and the language
// service keeps each document's last parse, so they are kept as five numbers each in one
// growing Int32Array: one object for the garbage collector to trace instead of thousands.

/** Numbers per point: pos, read, root, comments, reports. */
const WIDTH = 5;

export class SyncPoints {
  private data = new Int32Array(WIDTH * 64);
  /** Number of points. */
  length = 0;

  /**
   * A point: a top-level node (or a stray end tag) starts at `pos`, the parse having looked
   * at everything before `read`, after `root` nodes, `comments` comments and `reports` findings.
   */
  add(pos: number, read: number, root: number, comments: number, reports: number): void {
    const k = this.length * WIDTH;
    let d = this.data;
    if (k + WIDTH > d.length) {
      const grown = new Int32Array(d.length * 2);
      grown.set(d);
      this.data = d = grown;
    }
    d[k] = pos;
    d[k + 1] = read;
    d[k + 2] = root;
    d[k + 3] = comments;
    d[k + 4] = reports;
    this.length++;
  }

  pos(i: number): number {
    return this.data[i * WIDTH];
  }
  /** Past the furthest character the parse looked at before point `i`. */
  read(i: number): number {
    return this.data[i * WIDTH + 1];
  }
  root(i: number): number {
    return this.data[i * WIDTH + 2];
  }
  comments(i: number): number {
    return this.data[i * WIDTH + 3];
  }
  reports(i: number): number {
    return this.data[i * WIDTH + 4];
  }

  /** Index of the first point at or after `pos` (`length` when none). */
  firstAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pos(mid) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Appends points [from, to) of `other` moved by an edit: positions by `delta`, reads by
   * `delta` but to at least `minRead`, and the counts by `root`, `comments` and `reports`.
   */
  appendMoved(other: SyncPoints, from: number, to: number, delta = 0, minRead = 0, root = 0, comments = 0, reports = 0): void {
    for (let i = from; i < to; i++) {
      this.add(
        other.pos(i) + delta,
        Math.max(other.read(i) + delta, minRead),
        other.root(i) + root,
        other.comments(i) + comments,
        other.reports(i) + reports,
      );
    }
  }
}
