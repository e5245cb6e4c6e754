// The names a test file refers to in its config: sources (by @id), outputs (by @id or <match>
// pattern) and labels. Read from the config tree (includes resolved), for the runner's checks,
// diagnostics and completion.
import type { ConfigTree, TreeElement, TreeItem } from '../includes/tree';
import type { Range } from '../types';

export interface NamedElement {
  id?: string;
  type?: string;
  /** <match>: its pattern; <source>: its tag parameter. */
  pattern?: string;
  tag?: string;
  title: string;
  uri: string;
  range: Range;
}

export interface ConfigNames {
  sources: NamedElement[];
  /** <match> elements and the <store>s of copy. */
  outputs: NamedElement[];
  labels: string[];
}

function paramOf(el: TreeElement, ...keys: string[]): string | undefined {
  for (const c of el.children) if (c.kind === 'param' && keys.includes(c.node.key)) return c.node.value?.text ?? '';
  return undefined;
}

function named(el: TreeElement, pattern?: string): NamedElement {
  const id = paramOf(el, '@id');
  const type = paramOf(el, '@type', 'type');
  const open = el.node.arg ? `<${el.node.name} ${el.node.arg}>` : `<${el.node.name}>`;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
    title: `${open}${type ? ` @type ${type}` : ''}`,
    uri: el.file.uri,
    range: el.node.openRange,
  };
}

export function configNames(tree: ConfigTree): ConfigNames {
  const names: ConfigNames = { sources: [], outputs: [], labels: [...tree.labels.keys()] };
  const walk = (items: TreeItem[], depth: number, match: TreeElement | undefined) => {
    for (const it of items) {
      if (it.kind !== 'element') continue;
      const n = it.node.name;
      if (depth === 0 && n === 'source') {
        const s = named(it);
        const tag = paramOf(it, 'tag');
        names.sources.push(tag !== undefined ? { ...s, tag } : s);
      } else if (n === 'match' && !match) {
        names.outputs.push(named(it, it.node.arg || '**'));
        walk(it.children, depth + 1, it);
      } else if (n === 'store' && match) {
        names.outputs.push(named(it, match.node.arg || '**'));
        walk(it.children, depth + 1, match);
      } else if (n === 'label' || n === 'worker') walk(it.children, depth, match);
    }
  };
  walk(tree.items, 0, undefined);
  return names;
}
