// Memos kept on the object they are about, instead of in a WeakMap. Every WeakMap entry is an
// ephemeron, and V8 settles ephemerons in the final, main-thread pause of a major GC by iterating
// to a fixpoint (and, past a few rounds, in a slower linear mode). A long-lived server leaves
// hundreds of thousands of them between two major GCs (one per node of every parse: tree
// items, resolved definitions, check findings), most with dead keys: in a long fuzz run (seed 13)
// they made 60-100 ms of a 124 ms pause (--trace-gc-nvp: mark.ephemeron.marking/linear). A
// property is ordinary marking work, most of it done concurrently. The holder is non-enumerable
// (invisible to JSON, Object.keys and deep equality); a frozen key is simply not memoised.
const SLOTS = Symbol('memo slots');

type Slots = Record<symbol, unknown>;
interface Holder {
  [SLOTS]?: Slots;
}

/** The WeakMap operations the memos use (get/has/set), on a slot of the key object. */
export class Memo<K extends object, V> {
  private readonly slot: symbol;

  constructor(name = 'memo') {
    this.slot = Symbol(name);
  }

  get(key: K): V | undefined {
    return (key as Holder)[SLOTS]?.[this.slot] as V | undefined;
  }

  has(key: K): boolean {
    const slots = (key as Holder)[SLOTS];
    return slots !== undefined && this.slot in slots;
  }

  set(key: K, value: V): this {
    let slots = (key as Holder)[SLOTS];
    if (!slots) {
      if (!Object.isExtensible(key)) return this; // a frozen key is not memoised: asked again, the value is computed again
      slots = {};
      Object.defineProperty(key, SLOTS, { value: slots, enumerable: false, writable: false, configurable: false });
    }
    slots[this.slot] = value;
    return this;
  }
}
