// src/kube/index.ts is curated: explicit named exports, exactly the names src/ui imports from
// it (no `export *`, nothing only tests use). A name src/ui starts or stops using is added to
// or removed from the index with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../helpers/corpus';

const KUBE_INDEX = join(repoRoot, 'src', 'kube', 'index.ts');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
}

function source(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
}

/** Names src/ui imports from the kube index (`../../kube`, not a module below it). */
function namesUiImports(): Set<string> {
  const out = new Set<string>();
  for (const file of files(join(repoRoot, 'src', 'ui'))) {
    for (const s of source(file).statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
      const target = resolve(dirname(file), s.moduleSpecifier.text);
      if (target !== dirname(KUBE_INDEX) && target !== KUBE_INDEX.replace(/\.ts$/, '')) continue;
      const named = s.importClause?.namedBindings;
      assert.ok(named && ts.isNamedImports(named), `${file}: import named bindings from the kube index`);
      for (const e of named.elements) out.add((e.propertyName ?? e.name).text);
    }
  }
  return out;
}

test('src/kube/index.ts exports exactly, and explicitly, what src/ui imports from it', () => {
  const exported = new Set<string>();
  for (const s of source(KUBE_INDEX).statements) {
    if (!ts.isExportDeclaration(s)) continue;
    assert.ok(s.exportClause && ts.isNamedExports(s.exportClause), `export * in src/kube/index.ts: name the exports`);
    for (const e of s.exportClause.elements) exported.add(e.name.text);
  }
  const used = namesUiImports();
  assert.ok(used.size > 10, `src/ui imports only ${used.size} names from the kube index`);
  assert.deepEqual([...exported].filter((n) => !used.has(n)).sort(), [], 'exported but unused by src/ui: remove them');
  assert.deepEqual([...used].filter((n) => !exported.has(n)).sort(), [], 'used by src/ui but not exported');
});
