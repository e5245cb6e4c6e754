// The linear-time Ruby regexp matcher against what Ruby 3.1 answered for the same
// patterns and strings (test/fixtures/regexp/ruby-match.json, recorded by
// scripts/oracle/record-regexp-matches.mjs: hand-written cases and 1,500 seeded random
// ones), and its bounds: steps grow with input × pattern, never exponentially.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compileLinear } from '../../../../src/language/regexp/linear-match';
import { UnsupportedRegexp } from '../../../../src/language/regexp/parse';

interface Case {
  pattern: string;
  flags: string;
  input: string;
  matched?: boolean;
  error?: string;
}
const recorded = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'regexp', 'ruby-match.json'), 'utf8')) as {
  ruby: string;
  cases: Case[];
};

const compile = (c: Case) =>
  compileLinear(c.pattern, { ignoreCase: c.flags.includes('i'), multiline: c.flags.includes('m'), extended: c.flags.includes('x') });

describe(`agrees with Ruby ${recorded.ruby} on ${recorded.cases.length} recorded cases`, () => {
  test('every pattern Ruby accepts gives Ruby’s answer; every pattern Ruby refuses is refused', () => {
    const wrong: string[] = [];
    for (const c of recorded.cases) {
      let got: boolean | undefined | 'refused';
      try {
        got = compile(c).test(c.input).matched;
      } catch (err) {
        if (!(err instanceof UnsupportedRegexp)) throw err;
        got = 'refused';
      }
      const want = c.error !== undefined ? 'refused' : c.matched;
      if (got !== want) wrong.push(`/${c.pattern}/${c.flags} on ${JSON.stringify(c.input)}: Ruby ${String(want)}, here ${String(got)}`);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('linear time', () => {
  test('(a+)+b against 34 a’s and a ! (exponential for a backtracking engine) takes steps in proportion', () => {
    const re = compileLinear('\\A(a+)+b\\Z');
    const short = re.test(`${'a'.repeat(34)}!`);
    const long = re.test(`${'a'.repeat(3400)}!`);
    assert.equal(short.matched, false);
    assert.equal(long.matched, false);
    assert.ok(long.steps < short.steps * 150, `${short.steps} steps for 35 characters, ${long.steps} for 3,401`);
  });

  test('nested and polynomial shapes stay within input × states', () => {
    for (const source of ['(a*)*b', '(a|a)*b', 'a*a*a*a*a*a*a*a*a*a*b', '(?:\\w+\\s?)+$', '(.*,){11}P']) {
      const re = compileLinear(source);
      const input = 'a'.repeat(2000) + '!';
      const r = re.test(input);
      assert.equal(r.matched, false, source);
      assert.ok(r.steps <= (input.length + 1) * re.size * 3, `${source}: ${r.steps} steps, ${re.size} states`);
    }
  });

  test('the step budget answers "too costly" (undefined) instead of running on', () => {
    const re = compileLinear('(a|b|c|d)*e');
    const r = re.test('abcd'.repeat(100_000), 10_000);
    assert.equal(r.matched, undefined);
    assert.ok(r.steps < 20_000 + re.size * 4);
  });

  test('what an automaton cannot run is refused, not guessed', () => {
    for (const source of [
      '(a)\\1',
      '(?=a)',
      '(?!a)',
      '(?<=a)b',
      '(?<!a)b',
      '(?>a*)a',
      'a*+',
      '\\k<n>',
      '\\p{Alpha}',
      '\\G',
      'a{1000}{1000}',
    ]) {
      assert.throws(() => compileLinear(source), UnsupportedRegexp, source);
    }
  });
});
