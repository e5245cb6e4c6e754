// Issue 13, item 4: a catalogue path could name any file, and messages quoted it
// ("…is not valid JSON" showed its first bytes). Messages about a catalogue file name
// positions and plugin-like keys only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonErrorPlace, loadCatalogFiles } from '../../../../src/language/catalog/load';

const SECRET = 'AKIAFAKEFAKEFAKEFAKE';

test('a file that is not JSON: no byte of it in the message', () => {
  const { errors } = loadCatalogFiles(['/x/credentials'], () => `[default]\naws_access_key_id = ${SECRET}\n`);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^not valid JSON/);
  assert.doesNotMatch(errors[0].message, /default|aws_|AKIA/);
});

test('JSON that is not a catalogue: one message, no key quoted', () => {
  const { errors } = loadCatalogFiles(['/x/config.json'], () =>
    JSON.stringify({ auths: { 'registry.example': { auth: SECRET } }, plugins: { [SECRET]: 1 } }),
  );
  assert.deepEqual(errors, [{ path: '/x/config.json', message: 'the file defines no plugins (1 entries not understood)' }]);
});

test('a catalogue with bad entries: plugin-like names are quoted, anything else is not', () => {
  const file = JSON.stringify({
    plugins: {
      [`output/${SECRET} token=x`]: {},
      [SECRET]: 1,
      'output/ok': {
        params: [
          { name: `p ${SECRET}`, type: SECRET + '!' },
          { name: 'flush_mode', type: 'colour' },
        ],
      },
    },
  });
  const { errors } = loadCatalogFiles(['/x/c.json'], () => file);
  assert.ok(errors.length >= 3, JSON.stringify(errors));
  for (const e of errors) assert.doesNotMatch(e.message, /AKIA|token=/, e.message);
  assert.ok(errors.some((e) => e.message.includes('(an entry with an unusual name)')));
  assert.ok(errors.some((e) => e.message === 'plugins.output/ok.params.flush_mode: unknown type "colour" (read as string)'));
});

test('the place of a JSON error, from the position JSON.parse gives', () => {
  assert.equal(jsonErrorPlace('{\n  "a": x\n}', new SyntaxError('Unexpected token x in JSON at position 9')), ' (line 2, column 8)');
  assert.equal(jsonErrorPlace('x', new SyntaxError(`Unexpected token 'x', "x" is not valid JSON`)), '');
});
