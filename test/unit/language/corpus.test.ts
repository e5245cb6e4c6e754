// Agreement with Fluentd 1.16.5 on the shared corpus (../shared/corpus): every config
// Fluentd parsed has no syntax error, and every config it refused with a parse error
// gets an error on the line Fluentd names, with the code that means the same thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptedButWrong, fluentdParseError, invalidCases, validConfigs } from '../../helpers/corpus';
import { errors, parse } from '../../helpers/parse';

/** Fluentd's parse error messages → the codes of ours that say the same thing. */
const EXPECTED_CODES: [RegExp, string[]][] = [
  [/^expected end of line after (end )?tag$/, ['expected-line-end']],
  [/^expected end of line$/, ['expected-line-end']],
  [/^unexpected end of file in a double quoted string$/, ['unterminated-string', 'string-line-break']],
  [/^'@' is the system reserved prefix/, ['reserved-prefix']],
  [/^expected end tag '<\/\w*>' but got end of file$/, ['unclosed-element']],
  [/^unexpected back-slash escape character/, ['bad-escape']],
  [/^got incomplete JSON (array|hash) configuration$/, ['incomplete-json']],
  [/^expected end of embedded code/, ['unterminated-embedded-code']],
];

function expectedCodes(message: string): string[] {
  const hit = EXPECTED_CODES.find(([re]) => re.test(message));
  assert.ok(hit, `no code mapping for Fluentd's message '${message}'`);
  return hit[1];
}

const valid = validConfigs();

test('the corpus is there and lists every config', () => {
  assert.ok(valid.length >= 100, `only ${valid.length} configs in verdicts.tsv`);
  assert.ok(valid.some((c) => c.verdict === 'skip'));
});

for (const c of valid) {
  test(`valid (${c.verdict}): ${c.name}`, () => {
    // skip verdicts are for plugins outside the catalogue, fragments and env vars: the
    // syntax of those files is valid too
    const errs = errors(c.text);
    assert.deepEqual(
      errs.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
      [],
      `Fluentd parses this file (verdict ${c.verdict}${c.reason ? ': ' + c.reason : ''})`,
    );
  });
}

const invalid = invalidCases();
const parseErrors = invalid.filter((c) => fluentdParseError(c.verdict));

test('the invalid corpus has parse-error cases to check', () => {
  assert.ok(parseErrors.length >= 10, `only ${parseErrors.length} parse-error cases`);
});

for (const c of invalid) {
  const fluentd = fluentdParseError(c.verdict);
  if (!fluentd) {
    // refused after parsing (plugin, label, parameter checks): the syntax is fine
    test(`invalid (not a parse error): ${c.name} has no syntax error`, () => {
      assert.deepEqual(
        errors(c.text).map((d) => d.code),
        [],
      );
    });
    continue;
  }
  test(`invalid: ${c.name} — ${fluentd.message}`, () => {
    const r = parse(c.text);
    const codes = expectedCodes(fluentd.message);
    const errs = errors(r);
    assert.ok(errs.length > 0, 'no error reported');
    const lines = new Set([fluentd.line - 1]);
    if (/^expected end tag/.test(fluentd.message)) {
      // Fluentd names the end of the file; the unclosed start tag's line is the better answer
      const name = /'<\/(\w*)>'/.exec(fluentd.message)![1];
      for (const e of r.lineIndex.text.split('\n').entries()) if (e[1].trimStart().startsWith(`<${name}`)) lines.add(e[0]);
    }
    const hit = errs.find((d) => lines.has(d.range.start.line) && codes.includes(d.code));
    assert.ok(
      hit,
      `expected one of [${codes}] on line ${[...lines].map((l) => l + 1)}; got ${errs.map((d) => `${d.code}@${d.range.start.line + 1}`)}`,
    );
  });
}

for (const c of acceptedButWrong()) {
  test(`accepted but wrong: ${c.name} has no syntax error`, () => {
    assert.equal(c.verdict, 'ok');
    assert.deepEqual(
      errors(c.text).map((d) => `${d.code}: ${d.message}`),
      [],
    );
  });
}
