// The architecture holds: every relative import in src/ resolves, no file of src/ reaches
// itself through its imports (type-only and lazy imports count too), and the folders are
// layers: no folder reaches itself either (whole-config/ sits on includes/ and routing/,
// features/ on those, services/ on features/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cycles, folderGraph, importGraph } from '../helpers/import-graph';
import { repoRoot } from '../helpers/corpus';

const SRC = join(repoRoot, 'src');

test('every relative import in src/ resolves to a file', () => {
  const { edges, unresolved } = importGraph(SRC);
  assert.ok(edges.size > 100, `only ${edges.size} files found under ${SRC}`);
  assert.deepEqual(unresolved, []);
});

test('no import cycle in src/', () => {
  const found = cycles(importGraph(SRC).edges).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});

test('no import cycle between the folders of src/', () => {
  const found = cycles(folderGraph(SRC, importGraph(SRC).edges)).map((c) => c.join(' → '));
  assert.deepEqual(found, [], `folder cycles:\n${found.join('\n')}`);
});

test('the cycle check finds a cycle through type imports, re-exports, an index file and lazy imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
  try {
    const write = (name: string, text: string) => {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    };
    write('a.ts', "// import './c' (a comment is no import)\nimport type { B } from './b';\nexport type A = B;\n");
    write('b.ts', "export * from './lib';\nexport type B = string;\n");
    write('lib/index.ts', "import { x } from '../c';\nexport const y = x;\n");
    write('c.ts', "export const x = 1;\nexport const load = () => import('./a');\n");
    write('d.ts', "import { x } from './c';\nimport { gone } from './missing';\nexport const z = x + gone;\n");
    write('self.ts', "import './self';\n");
    const graph = importGraph(dir);
    assert.deepEqual(graph.unresolved, ['d.ts: ./missing']);
    const found = cycles(graph.edges).map((c) => c.map((f) => relative(dir, f)));
    assert.deepEqual(
      found.sort((x, y) => x.length - y.length),
      [
        ['self.ts', 'self.ts'],
        ['a.ts', 'b.ts', 'lib/index.ts', 'c.ts', 'a.ts'],
      ],
    );
    // lib/ (a folder) and the files of the root (a folder with subfolders): lib/ → c.ts → a.ts → b.ts → lib/
    assert.deepEqual(
      cycles(folderGraph(dir, graph.edges)).map((c) => [...new Set(c)].sort()),
      [['a.ts', 'b.ts', 'c.ts', 'lib/']],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
