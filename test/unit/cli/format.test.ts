// fluentd-lint output formatting and the small pure pieces under it: counts, JSON,
// text lines, summary, colour decision, code-point columns, UTF-8 scanning.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeUtf8, firstInvalidByte } from '../../../src/cli/decode';
import { FLUENT_CONF, kindForExplicit, kindForSearch, type FileKind } from '../../../src/cli/file-kinds';
import { osReason } from '../../../src/cli/files';
import { count, formatJson, formatSummary, formatText, onlyErrors, textLine } from '../../../src/cli/format';
import { lintTargets, type FileResult } from '../../../src/cli/lint';
import { ColumnMapper, type CliDiagnostic } from '../../../src/cli/positions';
import { colorFor } from '../../../src/cli/run';

const d = (severity: CliDiagnostic['severity'], line: number, code = 'c'): CliDiagnostic => ({
  severity,
  line,
  column: 2,
  endLine: line,
  endColumn: 5,
  code,
  message: `m${line}`,
});
const files: FileResult[] = [
  { path: 'a.conf', diagnostics: [d('error', 1, 'unclosed-element'), d('warning', 2), d('hint', 3), d('information', 4)] },
  { path: 'b.conf', diagnostics: [] },
];

describe('format', () => {
  test('count: errors and warnings only', () => {
    assert.deepEqual(count(files), { errors: 1, warnings: 1, files: 2 });
  });

  test('JSON: the exact document', () => {
    assert.equal(
      formatJson([{ path: 'x', diagnostics: [d('error', 1)] }]),
      '{"files":[{"path":"x","diagnostics":[{"severity":"error","line":1,"column":2,"endLine":1,"endColumn":5,"code":"c","message":"m1"}]}]}\n',
    );
    assert.equal(formatJson([]), '{"files":[]}\n');
  });

  test('text: one line per finding, without colour', () => {
    assert.equal(
      formatText(files, false),
      'a.conf:1:2: error: m1 [unclosed-element]\na.conf:2:2: warning: m2 [c]\na.conf:3:2: hint: m3 [c]\na.conf:4:2: information: m4 [c]\n',
    );
    assert.equal(formatText([files[1]], false), '');
  });

  test('text: a multi-line message stays on one line', () => {
    assert.equal(textLine('f', { ...d('error', 1), message: 'first\r\n   second\nthird' }, false), 'f:1:2: error: first second third [c]');
  });

  test('text: colours wrap the parts but keep the words', () => {
    const line = textLine('f', d('error', 1), true);
    assert.match(line, /\u001b\[31m/);
    assert.equal(line.replace(/\u001b\[\d+m/g, ''), 'f:1:2: error: m1 [c]');
  });

  test('--quiet keeps files, drops non-errors', () => {
    assert.deepEqual(onlyErrors(files), [
      { path: 'a.conf', diagnostics: [d('error', 1, 'unclosed-element')] },
      { path: 'b.conf', diagnostics: [] },
    ]);
  });

  test('summary: plurals', () => {
    assert.equal(formatSummary({ errors: 0, warnings: 0, files: 0 }, false), '0 errors, 0 warnings in 0 files\n');
    assert.equal(formatSummary({ errors: 1, warnings: 1, files: 1 }, false), '1 error, 1 warning in 1 file\n');
    assert.equal(formatSummary({ errors: 2, warnings: 3, files: 4 }, false), '2 errors, 3 warnings in 4 files\n');
    assert.match(formatSummary({ errors: 0, warnings: 0, files: 1 }, true), /\u001b\[32m/);
  });

  test('colour only on a TTY, not with --no-color, NO_COLOR or TERM=dumb', () => {
    assert.equal(colorFor(true, false, {}), true);
    assert.equal(colorFor(false, false, {}), false);
    assert.equal(colorFor(true, true, {}), false);
    assert.equal(colorFor(true, false, { NO_COLOR: '1' }), false);
    assert.equal(colorFor(true, false, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(colorFor(true, false, { TERM: 'dumb' }), false);
  });
});

describe('ColumnMapper', () => {
  const pos = (line: number, character: number) => ({ line, character });

  test('1-based; UTF-16 columns become character columns after astral characters', () => {
    const m = new ColumnMapper('ab\n😀x😀y\r\nlast');
    assert.deepEqual(m.toOneBased(pos(0, 0)), { line: 1, column: 1 });
    assert.deepEqual(m.toOneBased(pos(1, 2)), { line: 2, column: 2 }, 'x after one emoji');
    assert.deepEqual(m.toOneBased(pos(1, 5)), { line: 2, column: 4 }, 'y after two emoji');
    assert.deepEqual(m.toOneBased(pos(1, 6)), { line: 2, column: 5 }, 'the CR of a CRLF');
    assert.deepEqual(m.toOneBased(pos(2, 4)), { line: 3, column: 5 }, 'end of file');
  });

  test('out-of-range positions are clamped, never thrown', () => {
    const m = new ColumnMapper('ab\ncd');
    assert.deepEqual(m.toOneBased(pos(0, 99)), { line: 1, column: 3 });
    assert.deepEqual(m.toOneBased(pos(9, 0)), { line: 2, column: 3 });
    assert.deepEqual(m.toOneBased(pos(-1, -1)), { line: 1, column: 1 });
  });

  test('convert keeps severity, code and message', () => {
    const m = new ColumnMapper('x😀yz');
    const c = m.convert({ range: { start: pos(0, 3), end: pos(0, 4) }, severity: 'hint', code: 'k', message: 'msg' });
    assert.deepEqual(c, { severity: 'hint', line: 1, column: 3, endLine: 1, endColumn: 4, code: 'k', message: 'msg' });
  });
});

describe('UTF-8 decoding', () => {
  const b = (...xs: number[]) => Uint8Array.from(xs);

  test('valid input, with and without a BOM', () => {
    assert.deepEqual(decodeUtf8(Buffer.from('a é 😀')), { text: 'a é 😀' });
    assert.deepEqual(decodeUtf8(b(0xef, 0xbb, 0xbf, 0x61)), { text: 'a' });
  });

  test('the first ill-formed byte', () => {
    assert.equal(firstInvalidByte(b(0x61, 0xff)), 1);
    assert.equal(firstInvalidByte(b(0x61, 0xc3)), 1, 'truncated at the end');
    assert.equal(firstInvalidByte(b(0xc0, 0x80)), 0, 'overlong');
    assert.equal(firstInvalidByte(b(0xe0, 0x80, 0x80)), 0, 'overlong 3-byte');
    assert.equal(firstInvalidByte(b(0xed, 0xa0, 0x80)), 0, 'surrogate');
    assert.equal(firstInvalidByte(b(0xf4, 0x90, 0x80, 0x80)), 0, 'above U+10FFFF');
    assert.equal(firstInvalidByte(b(0xf0, 0x9f, 0x98, 0x80, 0x80)), 4, 'stray continuation after an emoji');
    assert.equal(firstInvalidByte(Buffer.from('ok é')), 5);
  });

  test('the offset in the text is where U+FFFD stands', () => {
    const r = decodeUtf8(Buffer.concat([Buffer.from('😀\nab'), b(0xfe), Buffer.from('c')]));
    assert.equal(r.invalidByte, 7);
    assert.equal(r.invalidAt, 5);
    assert.equal(r.text[r.invalidAt!], '\ufffd');
    const bom = decodeUtf8(b(0xef, 0xbb, 0xbf, 0x61, 0x80));
    assert.equal(bom.invalidAt, 1, 'the BOM is not counted');
  });
});

describe('file kinds', () => {
  test('directory search: *.conf and YAML (case-insensitive)', () => {
    assert.equal(kindForSearch('a/fluent.conf')?.name, 'fluent.conf');
    assert.equal(kindForSearch('A.CONF')?.name, 'fluent.conf');
    assert.equal(kindForSearch('cm.yaml')?.name, 'ConfigMap YAML');
    assert.equal(kindForSearch('cm.YML')?.name, 'ConfigMap YAML');
    assert.equal(kindForSearch('notes.txt'), undefined);
  });

  test('named files: YAML is read as Kubernetes manifests, anything else is fluent.conf', () => {
    for (const name of ['cm.yml', 'cm.YAML']) {
      const y = kindForExplicit(name);
      assert.ok('kind' in y && y.kind.name === 'ConfigMap YAML', name);
    }
    const d = kindForExplicit('td-agent.conf.erb');
    assert.ok('kind' in d && d.kind.name === 'fluent.conf');
  });

  test('OS reasons without Node syscall noise', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, stat 'x.conf'"), { code: 'ENOENT' });
    assert.equal(osReason(err), 'no such file or directory (ENOENT)');
    const big = Object.assign(new Error('File size (3) is greater than 2 GiB'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    assert.equal(osReason(big), 'File size (3) is greater than 2 GiB (ERR_FS_FILE_TOO_LARGE)');
    assert.equal(osReason('weird'), 'weird');
  });
});

describe('lintTargets', () => {
  test('a linter crash on one file becomes a problem for that file; the others are still checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentd-lint-unit-'));
    try {
      writeFileSync(join(dir, 'a.conf'), '<source>\n');
      writeFileSync(join(dir, 'b.conf'), '<source>\n');
      const boom: FileKind = {
        ...FLUENT_CONF,
        lint: () => {
          throw new Error('boom');
        },
      };
      const out = lintTargets(
        [
          { source: 'file', path: 'a.conf', absPath: join(dir, 'a.conf'), kind: boom },
          { source: 'file', path: 'b.conf', absPath: join(dir, 'b.conf'), kind: FLUENT_CONF },
          { source: 'file', path: 'gone.conf', absPath: join(dir, 'gone.conf'), kind: FLUENT_CONF },
        ],
        { cwd: dir },
      );
      assert.deepEqual(out.problems, [
        { path: 'a.conf', message: 'internal error while checking this file (please report): boom' },
        { path: 'gone.conf', message: 'no such file or directory (ENOENT)' },
      ]);
      assert.deepEqual(
        out.files.map((f) => f.path),
        ['b.conf'],
      );
      assert.ok(out.files[0].diagnostics.some((d) => d.code === 'unclosed-element' && d.line === 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('stdin that could not be read is a problem, not a crash', () => {
    const out = lintTargets([{ source: 'stdin' }], {
      cwd: '/',
      stdin: Object.assign(new Error('EAGAIN: resource temporarily unavailable, read'), { code: 'EAGAIN' }),
    });
    assert.deepEqual(out, { files: [], problems: [{ path: '<stdin>', message: 'resource temporarily unavailable (EAGAIN)' }] });
  });
});

describe('control characters from configs (issue 13)', () => {
  test('text lines escape them in the path, message and code', () => {
    const line = textLine('a\x1b[2J.conf', { ...d('error', 1, 'c\x07'), message: "unknown parameter 'fo\x1b]0;PWNED\x07o'" }, false);
    assert.doesNotMatch(line, /[\x00-\x1f\x7f]/);
    assert.equal(line, "a\\e[2J.conf:1:2: error: unknown parameter 'fo\\e]0;PWNED\\ao' [c\\a]");
  });

  test('colours stay real escapes while the config text is escaped', () => {
    const line = textLine('f', { ...d('error', 1), message: 'x\x1b[2Jy' }, true);
    assert.equal(line.replace(/\u001b\[\d+m/g, ''), 'f:1:2: error: x\\e[2Jy [c]');
  });
});
