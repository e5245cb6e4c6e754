// The config as Fluentd reads it: the root file with every @include replaced by the
// files it names, in Fluentd's order (depth first, globs sorted), each node still
// pointing at its own file and range. Cycles (Fluentd recurses until its stack
// overflows) and runaway trees are cut and reported.
import type { ElementNode, IncludeNode, Node, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import type { ConfigHost, SourceFile } from './host';
import { resolveInclude, type IncludeResolution } from './resolve';
import type { Memo } from '../memo';

export interface TreeElement {
  kind: 'element';
  node: ElementNode;
  file: SourceFile;
  /** The element this one sits in, across files (an included fragment's top level sits in the includer's element). */
  parent?: TreeElement;
  children: TreeItem[];
}

export interface TreeParam {
  kind: 'param';
  node: ParamNode;
  file: SourceFile;
  parent?: TreeElement;
}

/** The @include itself; the items of the files it names follow it among its siblings. */
export interface TreeInclude {
  kind: 'include';
  node: IncludeNode;
  file: SourceFile;
  parent?: TreeElement;
  resolution: IncludeResolution;
  /** Set when the files were not read in: a cycle, or the size caps. */
  cut?: 'cycle' | 'limit' | 'unreadable';
}

export type TreeItem = TreeElement | TreeParam | TreeInclude;

export interface TreeFinding {
  file: SourceFile;
  diagnostic: Diagnostic;
}

export interface ConfigTree {
  root: SourceFile;
  items: TreeItem[];
  /** Every file read, root first, each once. */
  files: SourceFile[];
  /** Every @include met, in order. */
  includes: TreeInclude[];
  /** `<label>` definitions by name, in order. */
  labels: Map<string, TreeElement[]>;
  /** No @include of unknown content: what is here is all Fluentd will read. */
  complete: boolean;
  /** Cycles and caps, on the @include that caused them. */
  findings: TreeFinding[];
  /** URIs of the files some @include reads inside an element (a `<parse>` fragment inside a <source>). */
  readInside: Set<string>;
}

export interface TreeLimits {
  /** Include nesting depth. */
  depth: number;
  /** Files read in, counting repeats. */
  expansions: number;
  /** Total characters read. */
  chars: number;
}

/** Far above a real config tree (a ConfigMap holds 1 MiB in all), low enough that a tree of links and cycles stays quick to check. */
export const DEFAULT_LIMITS: TreeLimits = { depth: 24, expansions: 200, chars: 512 * 1024 };

/**
 * The items of top-level nodes from earlier trees, kept for the next one: a node the
 * incremental reparse took over is the same object with the same content, so its items
 * are too (when its file is the same SourceFile object, see SourceFiles in host.ts). A
 * node holding an @include is never kept: what the include reads can change without it.
 */
export type TreeMemo = Memo<Node, { item: TreeItem; file: SourceFile; labels: TreeElement[] }>;

export function buildTree(
  root: SourceFile,
  host: ConfigHost | undefined,
  limits: TreeLimits = DEFAULT_LIMITS,
  memo?: TreeMemo,
): ConfigTree {
  const tree: ConfigTree = {
    root,
    items: [],
    files: [root],
    includes: [],
    labels: new Map(),
    complete: true,
    findings: [],
    readInside: new Set(),
  };
  const seen = new Set<string>([root.path]);
  let expansions = 0;
  let chars = root.text.length;

  // An explicit stack (no recursion): arbitrarily deep nesting cannot overflow it.
  // A node frame walks a list of nodes; a target frame reads the files of one @include in turn.
  // `kept`: the memo entry of the top-level node the frame walks inside (its labels are noted there).
  type Kept = { labels: TreeElement[] };
  type Frame =
    | {
        t: 'nodes';
        nodes: Node[];
        i: number;
        file: SourceFile;
        parent: TreeElement | undefined;
        chain: string[];
        out: TreeItem[];
        kept?: Kept;
      }
    | { t: 'targets'; inc: TreeInclude; paths: string[]; i: number; chain: string[]; out: TreeItem[] };
  const addLabel = (el: TreeElement) => {
    const list = tree.labels.get(el.node.arg);
    if (list) list.push(el);
    else tree.labels.set(el.node.arg, [el]);
  };
  const stack: Frame[] = [
    { t: 'nodes', nodes: root.parsed.document.children, i: 0, file: root, parent: undefined, chain: [root.path], out: tree.items },
  ];

  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.t === 'targets') {
      if (f.i >= f.paths.length) {
        stack.pop();
        continue;
      }
      const path = f.paths[f.i++];
      const { inc } = f;
      if (f.chain.includes(path)) {
        inc.cut = 'cycle';
        tree.findings.push({
          file: inc.file,
          diagnostic: {
            range: inc.node.pathRange,
            severity: 'error',
            code: 'include-cycle',
            message: `This @include reads ${shortName(path)} again while it is being read (${[...f.chain, path].map(shortName).join(' → ')}): Fluentd recurses until it fails with "stack level too deep".`,
          },
        });
        continue;
      }
      const target = host?.file(path);
      if (!target) {
        inc.cut = 'unreadable';
        tree.complete = false;
        continue;
      }
      if (f.chain.length >= limits.depth || expansions >= limits.expansions || chars + target.text.length > limits.chars) {
        inc.cut = 'limit';
        tree.complete = false;
        tree.findings.push({
          file: inc.file,
          diagnostic: {
            range: inc.node.pathRange,
            severity: 'warning',
            code: 'include-limit',
            message: `The included files are too many or too deep to follow here (limits: depth ${limits.depth}, ${limits.expansions} files, ${limits.chars >> 10} KiB); the config is checked without ${shortName(path)} and what follows it.`,
          },
        });
        f.i = f.paths.length;
        continue;
      }
      expansions++;
      chars += target.text.length;
      if (inc.parent) tree.readInside.add(target.uri);
      if (!seen.has(path)) {
        seen.add(path);
        tree.files.push(target);
      }
      stack.push({
        t: 'nodes',
        nodes: target.parsed.document.children,
        i: 0,
        file: target,
        parent: inc.parent,
        chain: [...f.chain, path],
        out: f.out,
      });
      continue;
    }
    if (f.i >= f.nodes.length) {
      stack.pop();
      continue;
    }
    const node = f.nodes[f.i++];
    const { file, parent } = f;
    if (memo && !parent) {
      const known = memo.get(node);
      if (known && known.file === file) {
        f.out.push(known.item);
        for (const el of known.labels) addLabel(el);
        continue;
      }
    }
    if (node.kind === 'param') {
      const item: TreeParam = { kind: 'param', node, file, parent };
      f.out.push(item);
      if (memo && !parent) memo.set(node, { item, file, labels: [] });
    } else if (node.kind === 'element') {
      const el: TreeElement = { kind: 'element', node, file, parent, children: [] };
      f.out.push(el);
      let kept = f.kept;
      if (memo && !parent && !holdsInclude(node)) {
        kept = { labels: [] };
        memo.set(node, { item: el, file, labels: kept.labels });
      }
      if (node.name === 'label' && (!parent || parent.node.name === 'worker')) {
        addLabel(el);
        kept?.labels.push(el);
      }
      stack.push({ t: 'nodes', nodes: node.children, i: 0, file, parent: el, chain: f.chain, out: el.children, kept });
    } else {
      const resolution = resolveInclude(file, node, host);
      const inc: TreeInclude = { kind: 'include', node, file, parent, resolution };
      f.out.push(inc);
      tree.includes.push(inc);
      if (resolution.kind === 'unknown') tree.complete = false;
      if (resolution.kind === 'files') stack.push({ t: 'targets', inc, paths: resolution.paths, i: 0, chain: f.chain, out: f.out });
    }
  }
  return tree;
}

function holdsInclude(element: ElementNode): boolean {
  const stack: Node[] = [...element.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'include') return true;
    if (n.kind === 'element') for (const c of n.children) stack.push(c);
  }
  return false;
}

function shortName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Every element of the tree, depth first, in Fluentd's order. Iterative: deep nesting is fine. */
export function* treeElements(items: TreeItem[]): Generator<TreeElement> {
  const stack: { list: TreeItem[]; i: number }[] = [{ list: items, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.list.length) {
      stack.pop();
      continue;
    }
    const it = top.list[top.i++];
    if (it.kind !== 'element') continue;
    yield it;
    stack.push({ list: it.children, i: 0 });
  }
}

/** Every parameter of the tree, depth first. */
export function* treeParams(items: TreeItem[]): Generator<TreeParam> {
  for (const it of items) if (it.kind === 'param') yield it;
  for (const el of treeElements(items)) for (const it of el.children) if (it.kind === 'param') yield it;
}

/** The first child parameter with one of the keys. */
export function treeParam(el: TreeElement, ...keys: string[]): TreeParam | undefined {
  for (const c of el.children) if (c.kind === 'param' && keys.includes(c.node.key)) return c;
  return undefined;
}

/** Whether some include among the items (not below elements) has unknown content. */
export function hasUnknownInclude(items: TreeItem[]): boolean {
  return items.some((i) => i.kind === 'include' && (i.resolution.kind === 'unknown' || (i.cut !== undefined && i.cut !== 'cycle')));
}
