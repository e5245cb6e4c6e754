// @include globs against what Ruby's Dir.glob (Fluentd's @include) recorded on the same
// tree of files and symbolic links (test/fixtures/glob/ruby-dir-glob-symlinks.json, from
// scripts/oracle/record-glob-symlinks.mjs), and the hostile trees of issue 13, item 2:
// self-links under `**` (2^40 paths before), deep `*/` chains and brace bombs end within
// their budget. Hang-prone calls run in a child process with a time limit.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { expandBraces, glob, globBudget, GlobLimitError } from '../../../src/language/glob';
import { nodeFileSystem } from '../../../src/language/node-file-system';
import { runInChild, src } from '../../helpers/bounded-child';

interface Fixture {
  ruby: string;
  tree: { path: string; link?: string; dir?: boolean; text?: string }[];
  cases: { pattern: string; matches: string[] }[];
  fluentd: { about: string; config: string; verdict: string; error: string | null }[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'glob', 'ruby-dir-glob-symlinks.json'), 'utf8')) as Fixture;

function buildTree(root: string): void {
  for (const e of fixture.tree) {
    const p = join(root, e.path);
    mkdirSync(dirname(p), { recursive: true });
    if (e.dir) mkdirSync(p, { recursive: true });
    else if (e.link !== undefined) symlinkSync(e.link, p);
    else writeFileSync(p, e.text ?? '');
  }
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

describe(`@include globs agree with Ruby ${fixture.ruby}'s Dir.glob on symbolic links`, () => {
  const root = mkdtempSync(join(tmpdir(), 'fluentd-glob-ruby-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  buildTree(root);

  for (const c of fixture.cases) {
    test(c.pattern, () => {
      // an @include reads files: the directories Ruby also returns are left out by design
      const expected = c.matches.filter((m) => !isDir(join(root, m)));
      const got = nodeFileSystem.glob(join(root, c.pattern)).map((p) => p.slice(root.length + 1));
      assert.deepEqual(got, expected);
    });
  }

  test('Fluentd itself: ** does not follow a link to a folder, * and a literal segment do', () => {
    const byAbout = new Map(fixture.fluentd.map((f) => [f.about, f]));
    assert.equal(byAbout.get('** does not descend into conf/lnk: the broken file is not read')?.verdict, 'ok');
    assert.equal(byAbout.get('* follows conf/lnk: the broken file is read')?.verdict, 'error');
    assert.equal(byAbout.get('a literal segment follows the link, and ** descends below it')?.verdict, 'error');
    const rel = (p: string) => nodeFileSystem.glob(join(root, p)).map((x) => x.slice(root.length + 1));
    assert.deepEqual(rel('conf/**/*.conf'), ['conf/ok/ok.conf']);
    assert.ok(rel('conf/*/*.conf').includes('conf/lnk/bad.conf'));
    assert.ok(rel('conf/lnk/**/*.conf').includes('conf/lnk/bad.conf'));
  });
});

describe('hostile trees end within the glob budget (issue 13, item 2)', () => {
  const root = mkdtempSync(join(tmpdir(), 'fluentd-glob-hostile-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'fluent.conf'), '@include conf.d/**/*.conf\n<match **>\n  @type null\n</match>\n');
  mkdirSync(join(root, 'conf.d'));
  writeFileSync(join(root, 'conf.d', 'x.conf'), '<match x>\n  @type null\n</match>\n');
  // two self-links: with links followed, **/ meets 2^depth paths
  symlinkSync('.', join(root, 'conf.d', 'a'));
  symlinkSync('.', join(root, 'conf.d', 'b'));
  const other = mkdtempSync(join(tmpdir(), 'fluentd-glob-hostile-'));
  after(() => rmSync(other, { recursive: true, force: true }));
  symlinkSync(join(root, 'conf.d'), join(other, 'conf.d'));

  test('**/*.conf with two self-links: the real files, once each', () => {
    const r = runInChild<string[]>(
      `const { nodeFileSystem } = await import(${src('language/node-file-system')});
       return nodeFileSystem.glob(${JSON.stringify(root)} + '/**/*.conf');`,
      30_000,
    );
    assert.equal(r.timedOut, false, 'the glob returned');
    assert.deepEqual(
      r.value?.map((p) => p.slice(root.length + 1)),
      ['conf.d/x.conf', 'fluent.conf'],
    );
  });

  test('the language service and the CLI check a config that includes conf.d/**/*.conf there', () => {
    const r = runInChild<{ codes: string[]; exit: number }>(
      `const { FluentdLanguageService } = await import(${src('language/service')});
       const { nodeFileSystem } = await import(${src('language/node-file-system')});
       const { run } = await import(${src('cli/run')});
       const { TextDocument } = await import(${JSON.stringify(require.resolve('vscode-languageserver-textdocument'))});
       const { readFileSync } = await import('node:fs');
       const p = ${JSON.stringify(join(root, 'fluent.conf'))};
       const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
       const codes = service.diagnostics(TextDocument.create('file://' + p, 'fluentd', 1, readFileSync(p, 'utf8'))).map((d) => d.code);
       const exit = await run([${JSON.stringify(root)}, ${JSON.stringify(root)} + '/fluent.conf'], { stdout() {}, stderr() {}, readStdin: async () => new Uint8Array(), stdoutIsTTY: false, stderrIsTTY: false, env: {}, cwd: ${JSON.stringify(root)} });
       return { codes, exit };`,
      60_000,
    );
    assert.equal(r.timedOut, false, `returned (stderr: ${r.stderr.slice(0, 300)})`);
    assert.ok(r.value, r.stderr.slice(0, 500));
    assert.equal(r.value.exit, 0);
  });

  test('*/ chains through self-links: GlobLimitError past the budget, not 2^20 paths', () => {
    const r = runInChild<string>(
      `const { nodeFileSystem } = await import(${src('language/node-file-system')});
       try { return String(nodeFileSystem.glob(${JSON.stringify(root)} + '/conf.d/' + '*/'.repeat(20) + '*.conf').length); }
       catch (e) { return e.name + ': ' + e.message; }`,
      30_000,
    );
    assert.equal(r.timedOut, false);
    assert.match(r.value ?? '', /^GlobLimitError: (the folders to list are too many|the pattern matches more than \d+ files)/);
  });

  test('an include over the budget is reported on the @include, and the rest is still checked', () => {
    writeFileSync(join(other, 'deep.conf'), `@include conf.d/${'*/'.repeat(20)}*.conf\n<match y>\n  @type null\n  bogus 1\n</match>\n`);
    const r = runInChild<{ code: string; message: string }[]>(
      `const { FluentdLanguageService } = await import(${src('language/service')});
       const { nodeFileSystem } = await import(${src('language/node-file-system')});
       const { TextDocument } = await import(${JSON.stringify(require.resolve('vscode-languageserver-textdocument'))});
       const { readFileSync } = await import('node:fs');
       const p = ${JSON.stringify(join(other, 'deep.conf'))};
       const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
       return service.diagnostics(TextDocument.create('file://' + p, 'fluentd', 1, readFileSync(p, 'utf8'))).map((d) => ({ code: String(d.code), message: d.message }));`,
      30_000,
    );
    assert.equal(r.timedOut, false);
    const limit = r.value?.find((d) => d.code === 'include-limit');
    assert.match(limit?.message ?? '', /not followed here: (the folders to list are too many|the pattern matches more than)/);
    assert.ok(r.value?.some((d) => d.code === 'unknown-param'));
  });
});

describe('pattern budgets (pure)', () => {
  test('{a,b} bombs: GlobLimitError instead of 2^30 patterns', () => {
    assert.throws(() => expandBraces('{a,b}'.repeat(30)), GlobLimitError);
    assert.throws(() => expandBraces('{a}'.repeat(5000)), GlobLimitError);
    assert.equal(expandBraces('{a,b}'.repeat(8)).length, 256);
  });

  test('a glob lists each folder once and stops at the listing budget', () => {
    let listed = 0;
    // an endless tree: every folder holds folders x and y
    const lister = {
      list: () => {
        listed++;
        return [
          { name: 'x', isDirectory: true },
          { name: 'y', isDirectory: true },
          { name: 'f.conf', isDirectory: false },
        ];
      },
    };
    assert.throws(() => glob('/**/*.conf', lister, { patterns: 8, matches: 1000 }, globBudget(50, 10_000)), GlobLimitError);
    assert.equal(listed, 50);
    assert.throws(() => glob('/*/*/*/*/*/*/*/*/f.conf', lister, { patterns: 8, matches: 10 }, globBudget(1000, 10_000)), GlobLimitError);
    // one budget shared by several globs: the second finds it spent
    const shared = globBudget(60, 10_000);
    assert.doesNotThrow(() => glob('/*/*/*/*/f.conf', lister, undefined, shared));
    assert.throws(() => glob('/*/*/*/*/*/f.conf', lister, undefined, shared), GlobLimitError);
  });

  test('work on folders already listed counts: many 256-alternative globs over one folder end at the budget (fuzz seed 13, input 897)', () => {
    // the root search followed a link cycle (l3 -> ..) through hundreds of
    // `{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.conf` includes, each listing one folder once and
    // walking it 256 times: seconds per request, with the listings budget hardly touched
    let listed = 0;
    const lister = {
      list: (d: string) => {
        listed++;
        return d === '/in' ? [{ name: 'fluent.conf', isDirectory: false }] : undefined;
      },
    };
    const budget = globBudget(500, 20_000);
    let globs = 0;
    assert.throws(() => {
      for (; globs < 400; globs++) glob(`/in/${'{a,b}'.repeat(8)}.conf`, lister, undefined, budget);
    }, GlobLimitError);
    assert.ok(globs < 100, `stopped after ${globs} globs`);
    assert.ok(listed <= globs + 1);
  });

  test('segment matching stays linear: many stars against a long name', () => {
    const many = `/dir/${'*a'.repeat(40)}*b`;
    const name = 'a'.repeat(5000);
    const lister = { list: (d: string) => (d === '/dir' ? [{ name, isDirectory: false }] : undefined) };
    // a backtracking RegExp takes minutes here; the matcher is O(name × pattern)
    assert.deepEqual(glob(many, lister), []);
    assert.deepEqual(glob(`/dir/${'*a'.repeat(40)}*`, lister), [`/dir/${name}`]);
  });
});
