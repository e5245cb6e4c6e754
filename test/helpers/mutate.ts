// Mutations of real configs for the fuzz test: byte flips, deletions, duplications,
// insertions of the characters that steer the parser, and line splices between files.
import type { Rng } from './prng';

/** Tokens that open or close a construct in the v1 syntax, or break a line. */
export const STEERING = ['<', '>', '</', '"', "'", '#{', '#', '[', '{', ']', '}', '\\', '\r', '\n', '\r\n', '\0', '@', ' ', '\t', ',', ':'];

const UNICODE = ['é', '€', '😀', '\u200b', '\ufeff', '\u2028', '\ud800', '\udfff', '\uffff', '𝄞'];

export type Mutation = (text: string, rng: Rng, others: readonly string[]) => string;

const at = (text: string, rng: Rng) => rng.int(text.length + 1);

export const MUTATIONS: Record<string, Mutation> = {
  flipChar(text, rng) {
    if (!text) return text;
    const i = rng.int(text.length);
    const c = text.charCodeAt(i) ^ (1 << rng.int(7));
    return text.slice(0, i) + String.fromCharCode(c) + text.slice(i + 1);
  },
  deleteRange(text, rng) {
    const i = at(text, rng);
    return text.slice(0, i) + text.slice(i + 1 + rng.int(rng.chance(0.8) ? 4 : 200));
  },
  duplicateRange(text, rng) {
    const i = at(text, rng);
    const j = Math.min(text.length, i + 1 + rng.int(rng.chance(0.7) ? 10 : 400));
    return text.slice(0, j) + text.slice(i, j) + text.slice(j);
  },
  insertSteering(text, rng) {
    const i = at(text, rng);
    return text.slice(0, i) + rng.pick(STEERING) + text.slice(i);
  },
  insertUnicode(text, rng) {
    const i = at(text, rng);
    const u = rng.chance(0.5) ? rng.pick(UNICODE) : String.fromCharCode(rng.int(0x10000));
    return text.slice(0, i) + u + text.slice(i);
  },
  spliceLines(text, rng, others) {
    const lines = text.split('\n');
    const donor = rng.pick(others).split('\n');
    const from = rng.int(donor.length);
    const chunk = donor.slice(from, from + 1 + rng.int(8));
    const i = rng.int(lines.length + 1);
    lines.splice(i, rng.int(3), ...chunk);
    return lines.join('\n');
  },
  truncate(text, rng) {
    return text.slice(0, at(text, rng));
  },
  toCrlf(text) {
    return text.replace(/\n/g, '\r\n');
  },
};

const NAMES = Object.keys(MUTATIONS);

/** Applies 1–`max` random mutations; `others` are donor texts for line splices. */
export function mutate(text: string, rng: Rng, others: readonly string[], max = 4): { text: string; applied: string[] } {
  const applied: string[] = [];
  const count = 1 + rng.int(max);
  for (let k = 0; k < count; k++) {
    const name = rng.pick(NAMES);
    text = MUTATIONS[name](text, rng, others);
    applied.push(name);
  }
  return { text, applied };
}
