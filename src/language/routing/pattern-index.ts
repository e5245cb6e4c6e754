// Rules indexed by the literal start and the literal end every tag of their patterns has
// (`app.**` starts with "app.", `**.log` ends with ".log", `app.web` is both), so that
// "which earlier <match> could take this tag?" looks at a handful of rules instead of
// every one before it: the checks of a config of 20,000 <match> blocks stay near linear.
//
// A pattern can match a tag only if its start is a prefix of the tag and its end a suffix.
// Broader rules (start and end each a prefix/suffix of the query's) are found by walking a
// trie of starts along the query's start, and at each node a trie of ends along the
// query's end, backwards. Narrower ones (a longer start or end) are found by walking the
// subtree under the query's start, up to a limit.
import type { PatternSet } from './pattern';

const MAX_ENTRIES_PER_PATTERN = 16;

interface Entry<T> {
  item: T;
  order: number;
  prefix: string;
  suffix: string;
}

class EndNode<T> {
  readonly children = new Map<string, EndNode<T>>();
  readonly entries: Entry<T>[] = [];
}

class StartNode<T> {
  readonly children = new Map<string, StartNode<T>>();
  /** Entries whose start is exactly this node's, by their end (reversed trie). */
  readonly ends = new EndNode<T>();
  /** Entries here and below. */
  size = 0;
}

export class PatternIndex<T> {
  private readonly root = new StartNode<T>();
  private order = 0;

  /** Registers `item` under each pattern of `set`. */
  add(item: T, set: PatternSet): void {
    const order = this.order++;
    for (const p of set.patterns) {
      // `{a,b}.x.{c,d}`: one entry per start and end, unless that makes too many
      if (p.prefixes.length * p.suffixes.length > MAX_ENTRIES_PER_PATTERN) this.insert({ item, order, prefix: p.prefix, suffix: p.suffix });
      else for (const prefix of p.prefixes) for (const suffix of p.suffixes) this.insert({ item, order, prefix, suffix });
    }
  }

  private insert(e: Entry<T>): void {
    let node = this.root;
    node.size++;
    for (const c of e.prefix) {
      let next = node.children.get(c);
      if (!next) node.children.set(c, (next = new StartNode<T>()));
      node = next;
      node.size++;
    }
    let end = node.ends;
    for (let i = e.suffix.length - 1; i >= 0; i--) {
      const c = e.suffix[i];
      let next = end.children.get(c);
      if (!next) end.children.set(c, (next = new EndNode<T>()));
      end = next;
    }
    end.entries.push(e);
  }

  /**
   * Items with a pattern whose start is a prefix of `prefix` and whose end is a suffix of
   * `suffix`, in the order they were added, each once. For one literal tag (prefix = suffix
   * = the tag) these are all the items that can match it.
   */
  broader(prefix: string, suffix: string): T[] {
    const found: Entry<T>[] = [];
    let node: StartNode<T> | undefined = this.root;
    for (let i = 0; node; i++) {
      collectEnds(node.ends, suffix, found);
      if (i >= prefix.length) break;
      node = node.children.get(prefix[i]);
    }
    return unique(found);
  }

  /**
   * Items with a pattern that may share a tag with those starting with `prefix` and ending
   * with `suffix` (one start a prefix of the other, one end a suffix of the other), in the
   * order they were added; undefined when more than `limit` entries would have to be looked at.
   */
  compatible(prefix: string, suffix: string, limit: number): T[] | undefined {
    const found: Entry<T>[] = [];
    const budget = { left: limit };
    let node: StartNode<T> | undefined = this.root;
    for (let i = 0; node && i < prefix.length; i++) {
      if (!collectCompatibleEnds(node.ends, suffix, found, budget)) return undefined;
      node = node.children.get(prefix[i]);
    }
    if (node) {
      if (node.size > budget.left) return undefined;
      collectSubtree(node, suffix, found);
    }
    return unique(found);
  }
}

/** Entries of an end trie whose end is a suffix of `suffix` or ends with it; false past the budget. */
function collectCompatibleEnds<T>(root: EndNode<T>, suffix: string, out: Entry<T>[], budget: { left: number }): boolean {
  let end: EndNode<T> | undefined = root;
  for (let i = suffix.length - 1; end; i--) {
    if (i < 0) {
      // the whole suffix read: everything below ends with it
      const stack = [end];
      while (stack.length) {
        const e = stack.pop()!;
        budget.left -= e.entries.length;
        if (budget.left < 0) return false;
        for (const entry of e.entries) out.push(entry);
        for (const c of e.children.values()) stack.push(c);
      }
      return true;
    }
    budget.left -= end.entries.length;
    if (budget.left < 0) return false;
    for (const e of end.entries) out.push(e);
    end = end.children.get(suffix[i]);
  }
  return true;
}

/** Entries of an end trie whose end is a suffix of `suffix`. */
function collectEnds<T>(root: EndNode<T>, suffix: string, out: Entry<T>[]): void {
  let end: EndNode<T> | undefined = root;
  for (let i = suffix.length - 1; end; i--) {
    for (const e of end.entries) out.push(e);
    if (i < 0) break;
    end = end.children.get(suffix[i]);
  }
}

/** Every entry at or below `node` whose end is compatible with `suffix` (one ends the other). */
function collectSubtree<T>(node: StartNode<T>, suffix: string, out: Entry<T>[]): void {
  const starts: StartNode<T>[] = [node];
  while (starts.length) {
    const s = starts.pop()!;
    const ends: EndNode<T>[] = [s.ends];
    while (ends.length) {
      const e = ends.pop()!;
      for (const entry of e.entries) if (entry.suffix.endsWith(suffix) || suffix.endsWith(entry.suffix)) out.push(entry);
      for (const c of e.children.values()) ends.push(c);
    }
    for (const c of s.children.values()) starts.push(c);
  }
}

function unique<T>(entries: Entry<T>[]): T[] {
  entries.sort((a, b) => a.order - b.order);
  const out: T[] = [];
  let last = -1;
  for (const e of entries) {
    if (e.order === last) continue;
    last = e.order;
    out.push(e.item);
  }
  return out;
}
