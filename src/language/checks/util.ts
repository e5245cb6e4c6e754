// Small helpers the catalogue-driven checks share: the catalogue in effect, the
// children of an element by kind, and the diagnostic builder.
import { defaultCatalog, type Catalog, type ResolvedElement } from '../catalog';
import type { ElementNode, Node, ParamNode } from '../parser/ast';
import type { Diagnostic, Range, Severity } from '../types';
import { elements } from '../walk';
import type { CheckContext } from './check';
import { Memo } from '../memo';

const ELEMENTS = new Memo<object, ElementNode[]>('elements');

/** The top-level nodes the check reports about: its scope, else the whole document. */
export function topLevel(ctx: CheckContext): readonly Node[] {
  return ctx.scope ?? ctx.parsed.document.children;
}

/** Every element in scope, depth first in source order — walked once per parse (or scope), shared by the checks. */
export function allElements(ctx: CheckContext): ElementNode[] {
  const key = ctx.scope ?? ctx.parsed;
  let list = ELEMENTS.get(key);
  if (!list) {
    list = [...elements(topLevel(ctx))];
    ELEMENTS.set(key, list);
  }
  return list;
}

const RESOLVED = new Memo<object, { catalog: Catalog; list: ResolvedElement[] }>('resolved elements');

/** allElements with the definition that applies to each (resolved once per parse or scope, and catalogue). */
export function resolvedElements(ctx: CheckContext): ResolvedElement[] {
  const catalog = catalogOf(ctx);
  const key = ctx.scope ?? ctx.parsed;
  const hit = RESOLVED.get(key);
  if (hit && hit.catalog === catalog) return hit.list;
  const list = allElements(ctx).map((e) => catalog.definitionFor(e));
  RESOLVED.set(key, { catalog, list });
  return list;
}

export function catalogOf(ctx: CheckContext): Catalog {
  return ctx.catalog ?? defaultCatalog();
}

export function diag(range: Range, severity: Severity, code: string, message: string, data?: unknown): Diagnostic {
  const d: Diagnostic = { range, severity, code, message };
  if (data !== undefined) d.data = data;
  return d;
}

export function paramsIn(element: ElementNode): ParamNode[] {
  const out: ParamNode[] = [];
  for (const c of element.children) if (c.kind === 'param') out.push(c);
  return out;
}

export function childElements(element: ElementNode | undefined, nodes?: Node[]): ElementNode[] {
  const out: ElementNode[] = [];
  for (const c of element ? element.children : (nodes ?? [])) if (c.kind === 'element') out.push(c);
  return out;
}

/** The first param with one of the keys (written order). */
export function findParamNode(element: ElementNode, ...keys: string[]): ParamNode | undefined {
  for (const c of element.children) if (c.kind === 'param' && keys.includes(c.key)) return c;
  return undefined;
}

/** Whether a value holds `#{…}` that Fluentd evaluates at start-up (then it cannot be judged here). */
export function isEvaluated(p: ParamNode): boolean {
  return !!p.value && p.value.embedded.length > 0;
}

/** The value text Fluentd sees ('' for a key standing alone). */
export function valueText(p: ParamNode): string {
  return p.value?.text ?? '';
}

/** The range to point at for a param's value (its key when it has none). */
export function valueRange(p: ParamNode): Range {
  return p.value?.range ?? p.keyRange;
}

const STRICT = new Memo<object, boolean>('strict');

/** `strict_config_value true` in <system> (of the whole file, whatever the scope): conversions that would coerce fail instead. */
export function strictMode(ctx: CheckContext): boolean {
  let strict = STRICT.get(ctx.parsed);
  if (strict !== undefined) return strict;
  strict = false;
  for (const n of ctx.parsed.document.children) {
    if (n.kind !== 'element' || n.name !== 'system') continue;
    const p = findParamNode(n, 'strict_config_value');
    if (p && (valueText(p) === 'true' || valueText(p) === 'yes' || valueText(p) === '')) strict = true;
    if (strict) break;
  }
  STRICT.set(ctx.parsed, strict);
  return strict;
}

/** Directives a root config has at its top level; a file with none is a fragment. */
export const ROOT_CHILDREN = ['source', 'match', 'filter', 'label', 'system', 'worker'];

/** A file of bare sections (no directive at its top level), meant to be @included inside a directive. */
export function isFragment(ctx: CheckContext): boolean {
  return !ctx.parsed.document.children.some((n) => n.kind === 'element' && ROOT_CHILDREN.includes(n.name));
}

/**
 * The file-wide facts the per-node checks read besides the node itself: strict mode, whether
 * the file is a fragment, whether its root reads it inside a directive. While these and a
 * node stay the same, so do the node's findings.
 */
export function fileFacts(ctx: CheckContext): string {
  return `${strictMode(ctx)}/${isFragment(ctx)}/${ctx.tree?.readInside.has(ctx.document.uri) ?? false}`;
}

const HOLDS_INCLUDE = new Memo<ElementNode, boolean>('holds include');

/** Whether the file pulls in other files (then some facts may live elsewhere). Kept per top-level element. */
export function hasIncludes(ctx: CheckContext): boolean {
  for (const n of ctx.parsed.document.children) {
    if (n.kind === 'include') return true;
    if (n.kind !== 'element') continue;
    let holds = HOLDS_INCLUDE.get(n);
    if (holds === undefined) {
      holds = false;
      for (const e of elements([n])) if (e.children.some((c) => c.kind === 'include')) holds = true;
      HOLDS_INCLUDE.set(n, holds);
    }
    if (holds) return true;
  }
  return false;
}

/** `<name arg>` as Fluentd prints it in messages. */
export function tagText(e: ElementNode): string {
  return e.arg ? `<${e.name} ${e.arg}>` : `<${e.name}>`;
}
