// The work budget of one routing question (an analysis, the event routes of a file):
// tag tests and automaton searches spend steps from it; when it runs out they answer
// "cannot tell" instead of running on, and the caller says what it did not analyse.
// Without a budget in force, each tag test still has its own (pattern.ts) and each
// search its state cap (automaton.ts).
//
// Answers that are memoised are charged again at their first cost when reused, so the
// same config spends the same budget whatever was asked before.

/** A tag a pattern was too costly to test against. */
export interface CostlyTest {
  pattern: string;
  tag: string;
}

interface Budget {
  left: number;
  exhausted: boolean;
  costly: CostlyTest[];
  /** The budget this one was opened in: it is spent from too. */
  outer: Budget | undefined;
}

let current: Budget | undefined;
/** Every step spent, with or without a budget: the cost of a memoised answer. */
let total = 0;

/**
 * Runs `fn` with `steps` to spend; returns its value, the tag tests that gave up, and
 * whether the budget ran out (then some answers in it were "cannot tell").
 */
export function withBudget<T>(steps: number, fn: () => T): { value: T; costly: CostlyTest[]; exhausted: boolean } {
  const outer = current;
  const budget: Budget = { left: steps, exhausted: false, costly: [], outer };
  current = budget;
  try {
    const value = fn();
    return { value, costly: budget.costly, exhausted: budget.exhausted };
  } finally {
    current = outer;
  }
}

/** Spends `n` steps; false (and nothing spent) when the budget in force has fewer left. */
export function spend(n: number): boolean {
  total += n;
  for (let b = current; b; b = b.outer) {
    if (n > b.left) {
      for (let x = current; x; x = x.outer) x.exhausted = true;
      return false;
    }
  }
  for (let b = current; b; b = b.outer) b.left -= n;
  return true;
}

/** Steps left in the budget in force (Infinity without one). */
export function remaining(): number {
  let left = Infinity;
  for (let b = current; b; b = b.outer) left = Math.min(left, b.left);
  return left;
}

/** Every step spent so far in this process (for measurements). */
export function stepsSpent(): number {
  return total;
}

/** Whether the budget in force has run out. */
export function exhausted(): boolean {
  return current?.exhausted ?? false;
}

/** Records a tag test that gave up (kept for the caller's message; a few suffice). */
export function noteCostly(c: CostlyTest): void {
  for (let b = current; b; b = b.outer) if (b.costly.length < 100) b.costly.push(c);
}

/**
 * A memoised computation charged in steps: `compute` runs under the budget and its
 * cost is remembered with the answer; a later hit spends that cost again (or answers
 * undefined when it cannot). An answer cut short by the budget is not memoised.
 */
export function charged<A>(
  memo: Map<string, { value: A | undefined; cost: number }>,
  key: string,
  compute: () => A | undefined,
  max = 50_000,
): A | undefined {
  const hit = memo.get(key);
  if (hit) return spend(hit.cost) ? hit.value : undefined;
  const outer = current;
  const before = total;
  const wasExhausted = outer?.exhausted ?? false;
  const value = compute();
  const cost = total - before;
  if (!(outer?.exhausted && !wasExhausted)) {
    if (memo.size > max) memo.clear();
    memo.set(key, { value, cost });
  }
  return value;
}
