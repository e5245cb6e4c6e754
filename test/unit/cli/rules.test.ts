// Every finding code the engine (src/language) and the CLI can report has SARIF rule help
// (src/cli/rules.ts), found by reading the sources: a new code without help fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES, ruleHelp } from '../../../src/cli/rules';

const SRC = join(__dirname, '..', '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes as the engine writes them: `code: 'x'` (also `code: c ? 'x' : 'y'`) and `(range, 'error', 'x', message)`. */
function emittedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const CODE_FIELD = /code:\s*(?:\w+\s*\?\s*)?'([a-z][a-z0-9-]*)'(?:\s*:\s*'([a-z][a-z0-9-]*)')?/g;
  // a severity argument (not inside a list of strings) followed by the code argument
  const SEVERITY_THEN_CODE =
    /(?<!'\s*,\s*)(?:'(?:error|warning|information|hint)'|\?\s*'error'\s*:\s*'warning')\s*,\s*'([a-z][a-z0-9-]*)'/g;
  for (const file of [...sources(join(SRC, 'language')), ...sources(join(SRC, 'cli'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(CODE_FIELD)) for (const c of [m[1], m[2]]) if (c) found.set(c, file);
    for (const m of text.matchAll(SEVERITY_THEN_CODE)) found.set(m[1], file);
  }
  return found;
}

test('every code the engine reports has a SARIF rule with help', () => {
  const codes = emittedCodes();
  assert.ok(codes.size >= 50, `the source scan found only ${codes.size} codes: ${[...codes.keys()]}`);
  const missing = [...codes].filter(([c]) => !Object.hasOwn(RULES, c)).map(([c, f]) => `${c} (${f})`);
  assert.deepEqual(missing, [], 'add these to src/cli/rules.ts');
});

test('ruleHelp: known codes have help; unknown ones (and Object.prototype names) fall back to the id', () => {
  assert.match(ruleHelp('unknown-param').help, /spelling/);
  assert.deepEqual(ruleHelp('no-such-code'), { description: 'no-such-code', help: '' });
  assert.deepEqual(ruleHelp('constructor'), { description: 'constructor', help: '' });
});
