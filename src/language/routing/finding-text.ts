// Where a routing finding points and how it names the elements it talks about,
// shared by the routing rules (covered rules, unmatched sources, unreached filters).
import type { Range } from '../types';
import type { TreeElement } from '../includes/tree';
import type { Rule, Source } from './model';
import { tagsDisplay } from './tags';

/** At most this many related places per finding. */
export const MAX_RELATED = 3;

/** The element's argument (its pattern), else its opening tag. */
export function at(el: TreeElement): Range {
  return el.node.argRange ?? el.node.openRange;
}

/** `<match kubernetes.*>` */
export function tagText(el: TreeElement): string {
  return el.node.arg ? `<${el.node.name} ${el.node.arg}>` : `<${el.node.name}>`;
}

/** The value of a source's `tag` parameter, else its opening tag. */
export function sourceTagRange(src: Source): Range {
  const p = src.el.children.find((c) => c.kind === 'param' && c.node.key === 'tag');
  return p && p.kind === 'param' ? (p.node.value?.range ?? p.node.range) : src.el.node.openRange;
}

/** `<source> @type tail (line 5)` */
export function sourceName(src: Source): string {
  return `<source>${src.type ? ` @type ${src.type}` : ''} (line ${src.el.node.openRange.start.line + 1})`;
}

/** What a source's events are tagged, with the reason where the tag is not the `tag` as written. */
export function sourceTagsText(src: Source): string {
  const note = src.tags.kind === 'tags' ? src.tags.note : src.tags.kind === 'runtime' ? src.tags.reason : undefined;
  return `${tagsDisplay(src.tags)}${note ? ` (${note})` : ''}`;
}

/** The rules taking events first, as related places. */
export function takenFirst(rules: readonly Rule[]) {
  return rules
    .slice(0, MAX_RELATED)
    .map((r) => ({ uri: r.el.file.uri, range: r.el.node.openRange, message: `${tagText(r.el)} takes these events first` }));
}

/**
 * `*` is one tag part: the argument with each whole-part `*` widened to `**`
 * (`kubernetes.*` → `kubernetes.**`), or undefined when it has none. `/regexp/`
 * patterns are left as written.
 */
export function widenStars(arg: string): string | undefined {
  let changed = false;
  const widened = arg.split(/(\s+)/).map((p) => {
    if (/^\s+$/.test(p) || p.startsWith('/')) return p;
    const w = p.replace(/(^|\.)\*(?=$|\.)/g, '$1**');
    if (w !== p) changed = true;
    return w;
  });
  return changed ? widened.join('') : undefined;
}

/** Inline code in an explanation (Markdown): `<match a.*>` would otherwise read as HTML. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}
