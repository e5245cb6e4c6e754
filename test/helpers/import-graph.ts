// The relative-import graph of a source folder and its cycles, for the architecture test.
// Imports are read with TypeScript's own pre-processor (static, type-only, `export … from`,
// dynamic `import()` and `require()`), so comments and strings never count; each relative
// specifier is resolved the way the bundler does (x.ts, x.tsx, x/index.ts, x.json).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Every source file (absolute), with the files it imports. */
  edges: Map<string, string[]>;
  /** Relative specifiers that resolve to no file: `file: specifier`. */
  unresolved: string[];
}

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx', '.json', ''];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** The file a relative specifier names, or undefined. */
export function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const ext of EXTENSIONS) {
    const p = base + ext;
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

export function importGraph(root: string): ImportGraph {
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveRelative(file, fileName);
      if (target === undefined) unresolved.push(`${relative(root, file)}: ${fileName}`);
      else if (/\.tsx?$/.test(target) && !targets.includes(target)) targets.push(target);
    }
    edges.set(file, targets);
  }
  return { edges, unresolved };
}

/**
 * The graph between folders: each file stands for its folder, except in a folder that
 * has subfolders (src/language/ holds types.ts below everything and service.ts above
 * everything), where each file stands for itself. Nodes are paths relative to `root`,
 * folders ending in '/'.
 */
export function folderGraph(root: string, edges: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const hasSubfolders = new Map<string, boolean>();
  const nodeOf = (file: string) => {
    const dir = dirname(file);
    let sub = hasSubfolders.get(dir);
    if (sub === undefined) hasSubfolders.set(dir, (sub = readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory())));
    return sub ? relative(root, file) : `${relative(root, dir)}/`;
  };
  const out = new Map<string, string[]>();
  for (const [file, targets] of edges) {
    const from = nodeOf(file);
    const list = out.get(from) ?? [];
    out.set(from, list);
    for (const t of targets) {
      const to = nodeOf(t);
      if (to !== from && !list.includes(to)) list.push(to);
    }
  }
  return out;
}

/** Every cycle's files, one cycle per strongly connected component (Tarjan), each as a path a → b → … → a. */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(pathThrough(component, edges));
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return out;
}

/** One concrete cycle inside a strongly connected component, for the message: the shortest from its first file back to it. */
function pathThrough(component: string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const inside = new Set(component);
  const start = [...component].sort()[0];
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = from.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
