// Names the document itself defines, for completion: labels, the tags its sources
// (and tag-rewriting outputs) emit, and record keys a buffer could chunk by.
import type { Node } from '../../parser/ast';
import { namedCaptures } from '../../values';
import { elements } from '../../walk';

/** Results per parse (the root node list of one parse never changes). */
function cached<T>(fn: (nodes: Node[]) => T): (nodes: Node[]) => T {
  const memo = new WeakMap<Node[], T>();
  return (nodes) => {
    let v = memo.get(nodes);
    if (v === undefined) memo.set(nodes, (v = fn(nodes)));
    return v;
  };
}

/** `<label @X>` names, in file order, once each. */
export const definedLabels = cached(labelsIn);

function labelsIn(nodes: Node[]): string[] {
  const out = new Set<string>();
  for (const e of elements(nodes)) if (e.name === 'label' && e.arg) out.add(e.arg);
  return [...out];
}

/** `@label` values that no `<label>` in the document defines. */
export const undefinedLabels = cached(labelsUsedNotDefined);

function labelsUsedNotDefined(nodes: Node[]): string[] {
  const defined = new Set(definedLabels(nodes));
  const out = new Set<string>();
  for (const e of elements(nodes)) {
    for (const c of e.children) {
      if (c.kind === 'param' && c.key === '@label' && c.value?.text && !defined.has(c.value.text)) out.add(c.value.text);
    }
  }
  return [...out];
}

export interface TagPattern {
  pattern: string;
  /** Why it is offered (shown as the item's detail). */
  why: string;
}

/**
 * Match patterns for the tags written in `tag` parameters: the tag itself and a
 * `prefix.**` for each of its dotted prefixes. A `*` in a tag (in_tail replaces it
 * with the file path, `/` → `.`, so the tag gets many parts) is offered as
 * `prefix.**`, the only pattern that catches all of them.
 */
export const tagPatterns = cached(tagPatternsIn);

function tagPatternsIn(nodes: Node[]): TagPattern[] {
  const out = new Map<string, string>();
  const add = (p: string, why: string) => {
    if (!out.has(p)) out.set(p, why);
  };
  const wide: [string, string][] = [];
  for (const e of elements(nodes)) {
    for (const c of e.children) {
      if (c.kind !== 'param' || c.key !== 'tag' || !c.value) continue;
      const tag = c.value.text.trim();
      if (!tag || /\$\{|#\{|\s/.test(tag)) continue;
      const where = `tag of <${e.name}${e.arg ? ' ' + e.arg : ''}> (line ${c.range.start.line + 1})`;
      const parts = tag.split('.');
      const star = parts.findIndex((p) => p.includes('*'));
      if (star >= 0) {
        const prefix = parts.slice(0, star).join('.');
        add(prefix ? `${prefix}.**` : '**', `${where}: '*' becomes the file path, so the tag has many parts`);
        continue;
      }
      add(tag, where);
      for (let i = parts.length - 1; i >= 1; i--)
        wide.push([`${parts.slice(0, i).join('.')}.**`, `every tag under '${parts.slice(0, i).join('.')}' (${where})`]);
    }
  }
  for (const [p, why] of wide) add(p, why);
  add('**', 'every tag');
  return [...out].map(([pattern, why]) => ({ pattern, why }));
}

/** Parameters whose value names a record field (secrets like aws_sec_key stay out). */
const KEY_PARAMS = new Set([
  'key_name',
  'message_key',
  'time_key',
  'tag_key',
  'log_key',
  'path_key',
  'hostname_key',
  'source_hostname_key',
  'stream_name_key',
  'log_group_name_key',
  'log_stream_name_key',
]);

/**
 * Record keys the config mentions: named captures of regexps, keys set in
 * `<record>` sections and values of `*_key` parameters.
 */
export const recordKeys = cached(recordKeysIn);

function recordKeysIn(nodes: Node[]): string[] {
  const out = new Set<string>();
  for (const e of elements(nodes)) {
    for (const c of e.children) {
      if (c.kind !== 'param') continue;
      if (e.name === 'record' && /^[\w.-]+$/.test(c.key)) out.add(c.key);
      const v = c.value?.text;
      if (!v) continue;
      if (v.includes('(?<') || v.includes("(?'")) for (const n of namedCaptures(v)) out.add(n);
      if (KEY_PARAMS.has(c.key) && /^[\w.-]+$/.test(v)) out.add(v);
    }
  }
  out.delete('tag');
  out.delete('time');
  return [...out].sort();
}
