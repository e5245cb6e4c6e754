// Records how Ruby's Dir.glob (what Fluentd's @include uses) treats symbolic links, as a
// fixture for test/unit/language/glob-ruby.test.ts: builds the tree of the fixture in a
// temporary folder, runs `ruby -e Dir.glob` on each pattern, and runs real Fluentd
// (the oracle, /work/shared/oracle/verdict.sh) on configs whose @include reaches a broken
// file only through a link, to show that Fluentd's @include does the same.
//   node scripts/oracle/record-glob-symlinks.mjs   (needs ruby; the oracle is optional)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const out = resolve(import.meta.dirname, '../../test/fixtures/glob/ruby-dir-glob-symlinks.json');
const fixture = JSON.parse(readFileSync(out, 'utf8'));

export function buildTree(root, tree) {
  for (const e of tree) {
    const p = join(root, e.path);
    mkdirSync(dirname(p), { recursive: true });
    if (e.dir) mkdirSync(p, { recursive: true });
    else if (e.link !== undefined) symlinkSync(e.link, p);
    else writeFileSync(p, e.text ?? '');
  }
}

const root = mkdtempSync(join(tmpdir(), 'glob-oracle-'));
try {
  buildTree(root, fixture.tree);
  const ruby = (code) => execFileSync('ruby', ['-e', code], { cwd: root, encoding: 'utf8' }).trim();
  fixture.ruby = ruby('print RUBY_VERSION');
  fixture.cases = fixture.cases.map(({ pattern }) => ({
    pattern,
    matches: JSON.parse(ruby(`require "json"; print JSON.generate(Dir.glob(${JSON.stringify(pattern)}).sort)`)),
  }));
  const verdict = '/work/shared/oracle/verdict.sh';
  if (existsSync(verdict)) {
    fixture.fluentd = fixture.fluentd.map((c) => {
      writeFileSync(join(root, 'fluent.conf'), c.config);
      const line = execFileSync('bash', [verdict, join(root, 'fluent.conf')], { encoding: 'utf8' }).trim();
      return { ...c, verdict: line.split('\t')[0], error: line.split('\t')[1] ?? null };
    });
  }
  writeFileSync(out, JSON.stringify(fixture, null, 2) + '\n');
  console.log(`wrote ${out}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
