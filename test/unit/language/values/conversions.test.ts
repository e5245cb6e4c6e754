// Fluentd's value conversions (lib/fluent/config/types.rb) as values.ts reproduces
// them: the numbers Fluentd really uses, the surprises, and the refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  arrayValue,
  boolValue,
  compileRubyRegexp,
  convert,
  describeSize,
  describeTime,
  enumValue,
  floatValue,
  formatBytes,
  formatSeconds,
  hashValue,
  integerValue,
  namedCaptures,
  regexpValue,
  rubyToF,
  rubyToI,
  sizeValue,
  slashedRegexpValue,
  timeValue,
} from '../../../../src/language/values';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('size', () => {
  it('reads k/m/g/t in any case as powers of 1024', () => {
    assert.equal(sizeValue('2m').value, 2 * MiB);
    assert.equal(sizeValue('8MB').value, 8 * MiB);
    assert.equal(sizeValue('256k').value, 256 * 1024);
    assert.equal(sizeValue('1T').value, 1024 ** 4);
    assert.equal(sizeValue('1024').value, 1024);
    for (const t of ['2m', '8MB', '256k', '1024', '1g']) assert.equal(sizeValue(t).surprise, undefined, t);
  });
  it('is unanchored: 1.5m is 5 MiB, 1.5g is 5 GiB, 8 MB is 8 bytes', () => {
    const a = sizeValue('1.5m');
    assert.equal(a.value, 5 * MiB);
    assert.match(a.surprise!, /5 MiB/);
    assert.match(a.surprise!, /not 1\.5 MiB/);
    assert.equal(sizeValue('1.5g').value, 5 * GiB);
    const b = sizeValue('8 MB');
    assert.equal(b.value, 8);
    assert.match(b.surprise!, /8 bytes/);
  });
  it('falls back to to_i', () => {
    assert.equal(sizeValue('abc').value, 0);
    assert.ok(sizeValue('abc').surprise);
    assert.equal(sizeValue('-1').value, -1);
    assert.equal(sizeValue('-1').surprise, undefined);
  });
  it('fails in strict mode instead of coercing', () => {
    const r = sizeValue('8 MB', { strict: true });
    assert.ok(r.error);
    assert.equal(r.surprise, undefined);
  });
});

describe('time', () => {
  it('reads s/m/h/d, case-sensitive', () => {
    assert.equal(timeValue('30s').value, 30);
    assert.equal(timeValue('5m').value, 300);
    assert.equal(timeValue('1h').value, 3600);
    assert.equal(timeValue('7d').value, 7 * 86400);
    assert.equal(timeValue('0.5').value, 0.5);
    assert.equal(timeValue('60').value, 60);
    for (const t of ['30s', '5m', '1h', '0.5', '60']) assert.equal(timeValue(t).surprise, undefined, t);
  });
  it('500ms is 30000 seconds, 10M is 10 seconds, 1.5h is 5 hours', () => {
    assert.equal(timeValue('500ms').value, 30000);
    assert.match(timeValue('500ms').surprise!, /30,000 seconds/);
    assert.equal(timeValue('10M').value, 10);
    assert.match(timeValue('10M').surprise!, /10 seconds/);
    assert.equal(timeValue('1.5h').value, 5 * 3600);
    assert.ok(timeValue('1.5h').surprise);
  });
  it('checks s before m: 1h30m is 30 minutes', () => {
    assert.equal(timeValue('1h30m').value, 1800);
    assert.ok(timeValue('1h30m').surprise);
  });
  it('does not flag a spelling Fluentd reads as meant (30sec)', () => {
    assert.equal(timeValue('30sec').value, 30);
    assert.equal(timeValue('30sec').surprise, undefined);
  });
});

describe('integer and float', () => {
  it('are Ruby to_i / to_f', () => {
    assert.equal(rubyToI('abc'), 0);
    assert.equal(rubyToI('10k'), 10);
    assert.equal(rubyToI('4.2'), 4);
    assert.equal(rubyToI(' -7x'), -7);
    assert.equal(rubyToI('1_000'), 1000);
    assert.equal(rubyToF('4.2abc'), 4.2);
    assert.equal(rubyToF('.5'), 0.5);
    assert.equal(rubyToF('1e3'), 1000);
    assert.equal(rubyToF('x'), 0);
  });
  it('warn with the value Fluentd uses', () => {
    assert.deepEqual(integerValue('24224'), { value: 24224 });
    const r = integerValue('abc');
    assert.equal(r.value, 0);
    assert.match(r.surprise!, /will use 0/);
    assert.equal(integerValue('10k').value, 10);
    assert.equal(integerValue('4.2').value, 4);
    assert.deepEqual(floatValue('0.8'), { value: 0.8 });
    assert.equal(floatValue('fast').value, 0);
    assert.ok(floatValue('fast').surprise);
    assert.ok(integerValue('abc', { strict: true }).error);
  });
});

describe('bool and enum', () => {
  it('bool: true/yes/empty, false/no, else nil', () => {
    assert.equal(boolValue('true').value, true);
    assert.equal(boolValue('yes').value, true);
    assert.equal(boolValue('').value, true);
    assert.equal(boolValue('false').value, false);
    assert.equal(boolValue('no').value, false);
    for (const t of ['TRUE', 'True', '1', 'on']) {
      const r = boolValue(t);
      assert.equal(r.value, null, t);
      assert.ok(r.error, t);
    }
  });
  it('enum: exact choices, Fluentd wording', () => {
    assert.deepEqual(enumValue('periodic', ['exponential_backoff', 'periodic']), { value: 'periodic' });
    assert.equal(
      enumValue('sometimes', ['exponential_backoff', 'periodic']).error,
      'valid options are exponential_backoff,periodic but got sometimes',
    );
    assert.ok(enumValue('Periodic', ['periodic']).error);
  });
});

describe('array and hash', () => {
  it('array: JSON or comma split', () => {
    assert.deepEqual(arrayValue('["a","b"]').value, ['a', 'b']);
    assert.deepEqual(arrayValue('a, b ,c').value, ['a', 'b', 'c']);
    assert.deepEqual(arrayValue('').value, []);
    assert.ok(arrayValue('[a,b]').error);
    assert.ok(arrayValue('[').error);
  });
  it('hash: JSON or k:v pairs', () => {
    assert.deepEqual(hashValue('{"a":1}').value, { a: 1 });
    assert.deepEqual(hashValue('a:1, b:x:y').value, { a: '1', b: 'x:y' });
    assert.ok(hashValue('{"a":}').error);
    assert.ok(hashValue('a').surprise);
  });
});

describe('regexp', () => {
  it('reads /…/ with i and m, lists named captures', () => {
    const r = regexpValue('/^(?<time>[^ ]+) (?<msg>.*)$/i');
    assert.equal(r.error, undefined);
    assert.deepEqual(r.value.names, ['time', 'msg']);
    assert.equal(r.value.flags, 'i');
    assert.ok(r.value.js?.test('2024 hello'));
  });
  it('missing right slash', () => {
    assert.match(regexpValue('/abc').error!, /missing right slash/);
    assert.match(regexpValue('/a/xyz').error!, /missing right slash/);
    assert.equal(regexpValue('/a/').error, undefined);
  });
  it('reports compile errors with Onigmo wording', () => {
    assert.equal(regexpValue('/^(. Time))/').error, 'unmatched close parenthesis: /^(. Time))/');
    assert.match(regexpValue('/(?<a>x/').error!, /unmatched parenthesis/);
    assert.match(regexpValue('/*x/').error!, /target of repeat operator/);
    assert.match(regexpValue('/[a-/').error!, /char-class/);
  });
  it('translates Ruby-only syntax instead of reporting false errors', () => {
    for (const src of [
      '\\Afoo\\z',
      '\\h+',
      '[[:alpha:]]+',
      "(?'n'x)",
      '(?>a+)b',
      'a++',
      '(?m)a.b',
      '(?i:ab)c',
      '(?#note)x',
      '(?<a>x)|(?<a>y)',
    ]) {
      const r = compileRubyRegexp(src);
      assert.equal(r.error, undefined, src);
    }
    assert.equal(compileRubyRegexp('\\Afoo\\z').value.js?.test('foo'), true);
    assert.equal(compileRubyRegexp('\\Afoo\\z').value.js?.test('xfoo'), false);
  });
  it('refuses what Onigmo refuses even where JavaScript accepts it', () => {
    assert.equal(regexpValue('/(?<a>b)(c)\\1/').error, 'numbered backref/call is not allowed. (use name): /(?<a>b)(c)\\1/');
    assert.match(regexpValue('/a{3,1}/').error!, /^upper is smaller than lower in repeat range/);
    assert.equal(compileRubyRegexp('(?<a>x)\\k<a>').error, undefined);
    assert.equal(compileRubyRegexp('[[:alpha:]&&[^a]]\\p{Alpha}').value.checked, true);
  });
  it('stays silent where it cannot follow Ruby', () => {
    const r = compileRubyRegexp('(?<n>a)\\g<n>');
    assert.equal(r.error, undefined);
    assert.equal(r.value.checked, false);
    assert.deepEqual(r.value.names, ['n']);
  });
  it('named captures ignore classes, escapes and lookbehind', () => {
    assert.deepEqual(namedCaptures('(?<a>x)[(?<b>y)]\\(?<c>z)(?<=d)(?<e>f)'), ['a', 'e']);
  });
  it('multiline parser formats need slashes', () => {
    assert.match(slashedRegexpValue('^foo', 'format1').error!, /format should be Regexp, need \/\/, in format1/);
    assert.equal(
      slashedRegexpValue('/^(. Time))/', 'format_firstline').error,
      'Invalid regexp in format_firstline: unmatched close parenthesis: /^(. Time))/m',
    );
  });
});

describe('formatting and convert()', () => {
  it('formats bytes and seconds for hover', () => {
    assert.equal(formatBytes(2097152), '2,097,152 bytes');
    assert.equal(describeSize('2m'), '2m = 2,097,152 bytes (2 MiB)');
    assert.equal(formatSeconds(30000), '30,000 seconds (8h 20m)');
    assert.equal(describeTime('500ms'), '500ms = 30,000 seconds (8h 20m)');
    assert.equal(formatSeconds(5), '5 seconds');
  });
  it('dispatches by catalogue type', () => {
    assert.equal(convert('size', '1k').value, 1024);
    assert.equal(convert('time', '1m').value, 60);
    assert.equal(convert('bool', 'no').value, false);
    assert.ok(convert('enum', 'x', { list: ['a'] }).error);
    assert.equal(convert('string', ' as is ').value, ' as is ');
  });
});

describe('agrees with the regexps Fluentd uses (without their quadratic backtracking)', () => {
  // lib/fluent/config/types.rb, run through JavaScript's RegExp on short random texts
  const rubySize = (s: string): number => {
    for (const [re, mult] of [
      [/([0-9]+)k/i, 1024],
      [/([0-9]+)m/i, 1024 ** 2],
      [/([0-9]+)g/i, 1024 ** 3],
      [/([0-9]+)t/i, 1024 ** 4],
    ] as const) {
      const m = re.exec(s);
      if (m) return Number(m[1]) * mult;
    }
    return rubyToI(s);
  };
  const rubyTime = (s: string): number => {
    for (const [re, mult] of [
      [/([0-9]+)s/, 1],
      [/([0-9]+)m/, 60],
      [/([0-9]+)h/, 3600],
      [/([0-9]+)d/, 86400],
    ] as const) {
      const m = re.exec(s);
      if (m) return Number(m[1]) * mult;
    }
    return rubyToF(s);
  };
  const rubySplit = (s: string): string[] => {
    const parts = s.trim().split(/\s*,\s*/);
    while (parts.length && parts[parts.length - 1] === '') parts.pop();
    return parts;
  };
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const alphabet = '0123456789kKmMgGtTsShHdD. ,x_-';
  const texts = Array.from({ length: 3000 }, () => Array.from({ length: 1 + rand(9) }, () => alphabet[rand(alphabet.length)]).join(''));
  it('size', () => {
    for (const t of texts) assert.equal(sizeValue(t).value, rubySize(t), t);
  });
  it('time', () => {
    for (const t of texts) assert.equal(timeValue(t).value, rubyTime(t), t);
  });
  it('array split', () => {
    for (const t of texts) assert.deepEqual(arrayValue(t).value, rubySplit(t), t);
  });
});
