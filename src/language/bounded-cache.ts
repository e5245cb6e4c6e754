// A cache bounded by its number of entries and by their total weight (the characters of the
// texts a parse cache keeps, the length of the patterns an automaton cache keeps). A count
// alone lets a few huge entries hold gigabytes in a long-lived server: 512 parses of 16 MB
// files, 50,000 automata of 100 KB patterns. The oldest entries go first; the newest is kept
// even when it alone is over the weight (the caller is using it).
export class BoundedCache<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
    private readonly weigh: (value: V, key: K) => number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The total weight held. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value, key);
    this.map.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.map) {
      if (this.map.size === 1 || (this.map.size <= this.maxEntries && this.total <= this.maxWeight)) break;
      this.map.delete(k);
      this.total -= e.weight;
    }
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (!e) return false;
    this.map.delete(key);
    this.total -= e.weight;
    return true;
  }

  /** Deletes the entries a predicate picks (one pass, no copy). */
  deleteWhere(pick: (value: V, key: K) => boolean): void {
    for (const [k, e] of this.map) {
      if (!pick(e.value, k)) continue;
      this.map.delete(k);
      this.total -= e.weight;
    }
  }

  /** Entries, oldest first. */
  *entries(): IterableIterator<[K, V]> {
    for (const [k, e] of this.map) yield [k, e.value];
  }
}
