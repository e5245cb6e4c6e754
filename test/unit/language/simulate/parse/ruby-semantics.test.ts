// Ruby facts the parse engine relies on, each checked against Ruby 3.1 / Fluentd 1.16.5 by hand
// (the recorded fixtures cover them in context; these pin the pieces).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileParseText,
  compileRubyRegexp,
  environmentAt,
  parseYajl,
  rubyFloatToS,
  toRubyJson,
} from '../../../../../src/language/simulate/parse';
import { strptime } from '../../../../../src/language/simulate/parse/time/strptime';
import { RubyFloat } from '../../../../../src/language/simulate/types';

test('Float#to_s: fixed notation up to 1e15, exponent form beyond and below 1e-4', () => {
  assert.equal(rubyFloatToS(1000), '1000.0');
  assert.equal(rubyFloatToS(1e15), '1.0e+15');
  assert.equal(rubyFloatToS(999999999999999.9), '999999999999999.9');
  assert.equal(rubyFloatToS(0.0001), '0.0001');
  assert.equal(rubyFloatToS(0.00001), '1.0e-05');
  assert.equal(rubyFloatToS(-0), '-0.0');
  assert.equal(rubyFloatToS(2.5e20), '2.5e+20');
});

test('to_json: Floats keep their type, "/" and non-ASCII are written as they are, control characters escaped', () => {
  assert.equal(toRubyJson({ f: new RubyFloat(3), i: 3, s: 'a/é\u0001' }), '{"f":3.0,"i":3,"s":"a/é\\u0001"}');
});

test('Yajl: comments allowed, trailing content and leading zeros refused, fractions are Floats', () => {
  const r = parseYajl('{"a":1 /* c */, "b":1.0e2} // end');
  assert.ok(r.ok);
  assert.equal(toRubyJson(r.value), '{"a":1,"b":100.0}');
  assert.equal(parseYajl('{"a":1} x').ok, false);
  assert.equal(parseYajl('{"a":01}').ok, false);
  const big = parseYajl('{"a":12345678901234567890}');
  assert.ok(!big.ok && 'notSimulated' in big);
});

test('Ruby regexps: \\d \\w \\s are ASCII, POSIX brackets and \\b are Unicode', () => {
  const re = (s: string) => {
    const r = compileRubyRegexp(s);
    assert.ok(r.ok, s);
    return r.regexp;
  };
  assert.equal(re('^(?<d>\\d+)$').test('\u0663\u0664'), false);
  assert.equal(re('^(?<d>[[:digit:]]+)$').test('\u0663\u0664'), true);
  assert.equal(re('^(?<w>\\w+)$').test('été'), false);
  assert.equal(re('^(?<w>[^\\s]+)$').test('a\u00a0b'), true);
  assert.equal(re('(?<a>\\bé)').test('é'), true);
});

test('Ruby regexps: m[name] of a repeated name is the last group that took part', () => {
  const r = compileRubyRegexp('(?<a>x)|(?<a>y)');
  assert.ok(r.ok);
  assert.equal(r.regexp.exec('y')?.named('a'), 'y');
  const r2 = compileRubyRegexp('(?<a>.)(?<a>.)');
  assert.ok(r2.ok);
  assert.equal(r2.regexp.exec('xy')?.named('a'), 'y');
});

test('Onigmo refusals are config errors with its wording', () => {
  const r = compileRubyRegexp('a{3,1}');
  assert.ok(!r.ok && 'error' in r && r.error.startsWith('upper is smaller than lower in repeat range'));
  const c = compileParseText('<parse>\n@type regexp\nexpression /(\\w+)/\n</parse>', environmentAt(0));
  assert.ok(!c.ok && 'configError' in c && c.configError.includes('No named captures'));
});

test('strptime: the gem reads %Y as 4 digits and refuses hour 24; Time.strptime reads both', () => {
  const now = 1700000000;
  assert.equal(strptime('%Y', '12345', 'std', now, 'UTC').sec, strptime('%Y', '12345', 'std', now, 'UTC').sec);
  assert.throws(() => strptime('%H', '24', 'gem', now, 'UTC'), /string doesn't match/);
  assert.equal(strptime('%Y-%m-%d %H', '2024-03-05 24', 'std', now, 'UTC').sec, 1709683200);
  // year-less: the current year (2023 at the fixed clock)
  assert.equal(strptime('%b %d %H:%M:%S', 'Feb 28 12:00:00', 'gem', now, 'UTC').sec, 1677585600);
});

test('time zones: a named timezone follows daylight saving, a numeric one does not', () => {
  const env = environmentAt(1700000000, {}, 'UTC');
  const parse = (tz: string, line: string) => {
    const c = compileParseText(
      `<parse>\n@type regexp\nexpression /^(?<time>.+)$/\ntime_format %Y-%m-%d %H:%M:%S\ntimezone ${tz}\n</parse>`,
      env,
    );
    assert.ok(c.ok);
    const o = c.parser.parse(line);
    assert.ok(o.kind === 'record' && o.time);
    return o.time.sec;
  };
  assert.equal(parse('Europe/Berlin', '2024-07-01 12:00:00'), 1719828000);
  assert.equal(parse('Europe/Berlin', '2024-01-01 12:00:00'), 1704106800);
  assert.equal(parse('+01:00', '2024-07-01 12:00:00'), 1719831600);
});

test('#{ENV[…]} in a double-quoted value comes from the environment; ENV.fetch without default and unset is an error', () => {
  const env = { ...environmentAt(1700000000, { FMT: '%Y' }, 'UTC') };
  const ok = compileParseText('<parse>\n@type regexp\nexpression /^(?<time>\\d+)$/\ntime_format "#{ENV[\'FMT\']}"\n</parse>', env);
  assert.ok(ok.ok);
  const o = ok.parser.parse('2020');
  assert.ok(o.kind === 'record' && o.time?.sec === 1577836800);
  const bad = compileParseText('<parse>\n@type "#{ENV.fetch(\'NOPE\')}"\n</parse>', env);
  assert.ok(!bad.ok && 'configError' in bad && bad.configError.includes('key not found'));
});

test('a regexp that can backtrack catastrophically is warned about and stopped on a hostile line', () => {
  const c = compileParseText('<parse>\n@type regexp\nexpression /^(?<a>(\\w+\\s?)+)$/\n</parse>', environmentAt(1700000000, {}, 'UTC'));
  assert.ok(c.ok);
  assert.match(c.parser.warnings[0], /backtrack catastrophically/);
  assert.equal(c.parser.parse('hello world').kind, 'record');
  const o = c.parser.parse('a'.repeat(40) + '!');
  assert.ok(o.kind === 'not-simulated' && /stopped: the regexp ran longer than/.test(o.what), JSON.stringify(o));
  const safe = compileParseText('<parse>\n@type regexp\nexpression /^(?<a>(?>\\w+\\s?)+)$/\n</parse>', environmentAt(0));
  assert.ok(safe.ok && safe.parser.warnings.length === 0);
});

test('a 1 MB line is parsed (in the guarded runner) without hanging', () => {
  const c = compileParseText('<parse>\n@type regexp\nexpression /^(?<a>[^ ]*) (?<b>.*)$/\n</parse>', environmentAt(1700000000, {}, 'UTC'));
  assert.ok(c.ok);
  const o = c.parser.parse('x'.repeat(1_000_000) + ' y');
  assert.ok(o.kind === 'record' && o.record.b === 'y');
});

test('explain says where a regexp stopped matching', () => {
  const c = compileParseText(
    '<parse>\n@type regexp\nexpression /^(?<time>\\S+) (?<stream>stdout|stderr) (?<log>.*)$/\n</parse>',
    environmentAt(0),
  );
  assert.ok(c.ok);
  const why = c.parser.explain('2024-03-05T10:11:12Z stdin hello');
  assert.match(why ?? '', /matches up to column 22 .*the next part \(\?<stream>stdout\|stderr\) does not match there \("stdin hello"\)/);
  assert.equal(c.parser.explain('2024 stdout x'), undefined);
});
