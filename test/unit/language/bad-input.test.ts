// Hostile input: garbage bytes, invalid UTF-8, a 50 MB file, 10,000 nested sections,
// single 1 MB lines in every position, floods of unterminated constructs. The engine
// must not throw, must return within a generous bound (a hang guard, not a speed
// goal: `npm run bench` has those) and must say something sensible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../../src/language/types';
import { parse } from '../../../src/language/parser';
import { FluentdLanguageService } from '../../../src/language/service';
import { MAX_OUTLINE_DEPTH } from '../../../src/language/features/symbols';
import { corpus10k } from '../../../bench/corpus10k';
import { createRng } from '../../helpers/prng';

const MB = 1 << 20;
/** Hang guard for one call on a ~1 MB input; generous because CI machines are shared. */
const BOUND_MS = 15_000;

function timed<T>(what: string, fn: () => T, bound = BOUND_MS): T {
  const t = performance.now();
  const out = fn();
  const ms = performance.now() - t;
  assert.ok(ms < bound, `${what} took ${Math.round(ms)} ms (bound ${bound} ms)`);
  return out;
}

/** Every range lies inside the text: lines exist, start ≤ end, columns within the line. */
function assertRangesInside(text: string, diagnostics: Diagnostic[]): void {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && end.line < lines.length, `${d.code}: line out of the text`);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${d.code}: start after end`);
    assert.ok(start.character <= lines[start.line].length && end.character <= lines[end.line].length, `${d.code}: column beyond its line`);
  }
}

/** The server's work on a document: diagnostics (parse + every check), outline, folding. */
function serve(text: string, opts: { outline?: boolean } = {}) {
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///bad/input.conf', 'fluentd', 1, text);
  const diagnostics = timed('diagnostics', () => service.diagnostics(doc));
  assert.ok(
    !diagnostics.some((d) => d.code === 'internal-error'),
    `a check failed: ${diagnostics.find((d) => d.code === 'internal-error')?.message}`,
  );
  if (opts.outline !== false) {
    timed('documentSymbols', () => service.documentSymbols(doc));
    timed('foldingRanges', () => service.foldingRanges(doc));
  }
  const syntax = service.fluentConf.parse(doc).diagnostics;
  assertRangesInside(text, syntax);
  return { diagnostics, syntax };
}

test('garbage bytes decoded as UTF-8', () => {
  const rng = createRng(0x5eed);
  for (let round = 0; round < 5; round++) {
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    const text = bytes.toString('utf8');
    const { syntax } = serve(text);
    assert.ok(syntax.every((d) => d.message.length > 0 && /^[a-z-]+$/.test(d.code)));
  }
});

test('invalid UTF-8 decoded with replacement characters', () => {
  // overlong, lone continuation, truncated sequences and surrogate encodings, in config lines
  const chunks = [
    [0xc3, 0x28],
    [0xa0, 0xa1],
    [0xe2, 0x28, 0xa1],
    [0xf0, 0x28, 0x8c, 0xbc],
    [0xed, 0xa0, 0x80],
    [0xc0, 0xaf],
  ];
  const parts: Buffer[] = [];
  for (let i = 0; i < 2_000; i++) {
    parts.push(
      Buffer.from(`<match app.${i}>\n  @type stdout\n  tag `),
      Buffer.from(chunks[i % chunks.length]),
      Buffer.from(`\n  k "${i}`),
      Buffer.from(chunks[(i + 1) % chunks.length]),
      Buffer.from('"\n</match>\n'),
    );
  }
  const text = Buffer.concat(parts).toString('utf8');
  assert.ok(text.includes('\ufffd'));
  const { syntax } = serve(text);
  assert.deepEqual(syntax, [], 'replacement characters are ordinary text for the syntax');
  const r = parse(text);
  assert.equal(r.document.children.length, 2_000);
});

// Every check and the routing analysis stay linear in the number of <match> elements.
test('20,000 <match> directives through every check', () => {
  let text = '';
  for (let i = 0; i < 20_000; i++) text += `<match app.${i}>\n  @type stdout\n</match>\n`;
  serve(text);
});

test('a 50 MB file (the corpus repeated) parses without syntax errors', () => {
  const unit = corpus10k();
  const text = unit.repeat(Math.ceil((50 * MB) / unit.length));
  assert.ok(text.length >= 50 * MB);
  const r = timed('parse of 50 MB', () => parse(text), 120_000);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.ok(r.document.children.length > 100_000);
  assert.equal(r.lineIndex.lineCount, text.split('\n').length);
});

test('a 10 MB file through every check, outline and folding', () => {
  const unit = corpus10k();
  const text = unit.repeat(Math.ceil((10 * MB) / unit.length));
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///bad/big.conf', 'fluentd', 1, text);
  const diagnostics = timed('diagnostics of 10 MB', () => service.diagnostics(doc), 120_000);
  assert.ok(!diagnostics.some((d) => d.code === 'internal-error'));
  // the copies repeat @id, <label> and <system>: the checks say so, the syntax is clean
  assert.deepEqual(service.fluentConf.parse(doc).diagnostics, []);
  assert.ok(diagnostics.some((d) => d.code === 'duplicate-id'));
  timed('documentSymbols of 10 MB', () => service.documentSymbols(doc), 60_000);
  timed('foldingRanges of 10 MB', () => service.foldingRanges(doc), 60_000);
});

test('10,000 nested sections, never closed: one unclosed-element per start tag, innermost last', () => {
  const text = '<a>\n'.repeat(10_000);
  const r = timed('parse', () => parse(text));
  assert.equal(r.diagnostics.length, 10_000);
  assert.ok(r.diagnostics.every((d, i) => d.code === 'unclosed-element' && d.range.start.line === i));
  serve(text, { outline: false });
});

test('10,000 nested sections, closed: no error, a 10,000-deep tree', () => {
  const text = '<a>\n'.repeat(10_000) + '</a>\n'.repeat(10_000);
  const r = timed('parse', () => parse(text));
  assert.deepEqual(r.diagnostics, []);
  let depth = 0;
  let node = r.document.children[0];
  while (node && node.kind === 'element') {
    depth++;
    node = node.children[0];
  }
  assert.equal(depth, 10_000);
  serve(text, { outline: false });
});

test('10,000 nested sections: outline and folding do not overflow the stack', () => {
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///bad/deep.conf', 'fluentd', 1, '<a>\n'.repeat(10_000) + '</a>\n'.repeat(10_000));
  const symbols = service.documentSymbols(doc);
  // the outline stops at MAX_OUTLINE_DEPTH and still serialises (as LSP sends it)
  let depth = 0;
  for (let s: (typeof symbols)[0] | undefined = symbols[0]; s; s = s.children?.[0]) depth++;
  assert.equal(depth, MAX_OUTLINE_DEPTH);
  assert.ok(JSON.stringify(symbols).length > 0);
  const folds = service.foldingRanges(doc);
  // every element but the innermost spans lines (its end tag stays visible)
  assert.equal(folds.length, 9_999);
  assert.deepEqual([folds[0].startLine, folds[0].endLine], [0, 19_998]);
  assert.deepEqual([folds[9_998].startLine, folds[9_998].endLine], [9_998, 10_000]);
});

test('10,000 end tags that close nothing', () => {
  const r = timed('parse', () => parse('</a>\n'.repeat(10_000)));
  assert.equal(r.diagnostics.length, 10_000);
  assert.ok(r.diagnostics.every((d) => d.code === 'unmatched-end-tag'));
});

test('a single 1 MB line in every position', () => {
  const big = 'x'.repeat(MB);
  const cases: [string, string, (r: ReturnType<typeof parse>) => void][] = [
    ['value', `k ${big}\n`, (r) => assert.deepEqual(r.diagnostics, [])],
    ['key', `${big} v\n`, (r) => assert.deepEqual(r.diagnostics, [])],
    ['tag argument', `<match ${big}>\n</match>\n`, (r) => assert.deepEqual(r.diagnostics, [])],
    ['double-quoted value', `k "${big}"\n`, (r) => assert.deepEqual(r.diagnostics, [])],
    [
      'unclosed double quote',
      `k "${big}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['unterminated-string'],
        ),
    ],
    [
      'unclosed single quote',
      `k '${big}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['unterminated-string'],
        ),
    ],
    ['JSON array', `k [${'1,'.repeat(MB / 2)}2]\n`, (r) => assert.deepEqual(r.diagnostics, [])],
    [
      'unclosed JSON array',
      `k [${'1,'.repeat(MB / 2)}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['incomplete-json'],
        ),
    ],
    [
      'JSON nesting',
      `k ${'['.repeat(MB)}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['incomplete-json'],
        ),
    ],
    [
      'embedded code',
      `k "#{${'{'.repeat(MB)}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['unterminated-embedded-code'],
        ),
    ],
    [
      'backslashes',
      `k "${'\\'.repeat(MB)}\n`,
      (r) =>
        assert.deepEqual(
          r.diagnostics.map((d) => d.code),
          ['unterminated-string'],
        ),
    ],
    ['comment', `# ${big}\n`, (r) => assert.equal(r.document.comments[0].text.length, MB + 2)],
    ['< only', '<'.repeat(MB), (r) => assert.ok(r.diagnostics.some((d) => d.code === 'expected-gt'))],
    ['" only', '"'.repeat(MB), (r) => assert.ok(r.diagnostics.length > 0)],
  ];
  for (const [name, text, check] of cases) {
    const r = timed(`parse (${name})`, () => parse(text));
    check(r);
    assertRangesInside(text, r.diagnostics);
  }
});

test('1 MB of spaces inside a tag argument, with and without the closing >', () => {
  const spaces = ' '.repeat(MB);
  const ok = timed('parse', () => parse(`<match a${spaces}b>\n</match>\n`));
  assert.deepEqual(ok.diagnostics, []);
  const arg = ok.document.children[0].kind === 'element' ? ok.document.children[0].arg : '';
  assert.equal(arg, `a${spaces}b`);
  const open = timed('parse', () => parse(`<match a${spaces}b\n`));
  assert.deepEqual(
    open.diagnostics.map((d) => d.code),
    ['expected-gt', 'unclosed-element'],
  );
  const tabs = timed('parse', () => parse(`<match a${' \t'.repeat(MB / 2)}#\n`));
  assert.ok(tabs.diagnostics.some((d) => d.code === 'expected-gt'));
  timed('parse', () => parse(`k a${spaces}b\n`));
});

test('floods of unterminated strings, #{ and [ at the end of the file', () => {
  const cases: [string, string, string][] = [
    ['double quotes', 'k "x\n'.repeat(50_000) + 'k "', 'unterminated-string'],
    ['single quotes', "k 'x\n".repeat(50_000), 'unterminated-string'],
    ['embedded code', 'k "#{x\n'.repeat(50_000), 'unterminated-embedded-code'],
    ['nested embedded code', 'k "#{"#{"#{x\n'.repeat(20_000), 'unterminated-embedded-code'],
    ['JSON arrays', 'k [\n'.repeat(50_000), 'incomplete-json'],
    ['JSON hashes', 'k {"a":\n'.repeat(50_000), 'incomplete-json'],
  ];
  for (const [name, text, code] of cases) {
    const r = timed(`parse (${name})`, () => parse(text));
    assert.ok(r.diagnostics.length > 0, name);
    assert.ok(
      r.diagnostics.some((d) => d.code === code),
      `${name}: ${code}`,
    );
    assertRangesInside(text, r.diagnostics);
  }
  // a long multi-line string whose quote never closes: the line of the quote is named
  const r = parse('<source>\n  path "/var/log\n' + '  x y\n'.repeat(100_000) + '</source>\n');
  assert.equal(r.diagnostics.find((d) => d.code === 'unterminated-string')?.range.start.line, 1);
});

test('deep JSON and embedded nesting do not overflow the stack', () => {
  assert.ok(parse(`k ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`).diagnostics.length === 0);
  const deep = `k "${'#{"'.repeat(5_000)}x${'"}'.repeat(5_000)}"\n`;
  const r = timed('parse', () => parse(deep));
  assertRangesInside(deep, r.diagnostics);
});
