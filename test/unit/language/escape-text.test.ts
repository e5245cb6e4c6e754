// Control characters from configs are shown, never sent to the terminal (issue 13, item 13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeControlChars, escapeJsonControls } from '../../../src/language/escape-text';

test('C0, DEL and C1 controls become visible escapes', () => {
  assert.equal(escapeControlChars('a\x1b]0;PWNED\x07b'), 'a\\e]0;PWNED\\ab');
  assert.equal(escapeControlChars('x\x1b[2Jy\rz\n\t\0'), 'x\\e[2Jy\\rz\\n\\t\\0');
  assert.equal(escapeControlChars('\x7f\x85\x9b\x01'), '\\x7f\\x85\\x9b\\x01');
});

test('bidi overrides and line separators are escaped (a finding cannot be hidden or reordered)', () => {
  assert.equal(escapeControlChars('ok\u202eevil\u2066\u2028'), 'ok\\u202eevil\\u2066\\u2028');
});

test('ordinary text, backslashes and non-ASCII letters are unchanged', () => {
  const s = String.raw`unknown parameter 'fo\d+' in <match kubernetes.**> é 😀 €`;
  assert.equal(escapeControlChars(s), s);
});

test('JSON: the same value, with the characters a terminal obeys escaped', () => {
  const value = { m: 'a\u009b2Jb\u202ec\u2028\x1b' };
  const json = escapeJsonControls(JSON.stringify(value));
  assert.doesNotMatch(json, /[\u007f-\u009f\u202e\u2028\x1b]/);
  assert.deepEqual(JSON.parse(json), value);
});
