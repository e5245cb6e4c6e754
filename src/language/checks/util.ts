// Small helpers the catalogue-driven checks share: the catalogue in effect, the
// children of an element by kind, and the diagnostic builder.
import { defaultCatalog, type Catalog, type ResolvedElement } from '../catalog';
import type { ElementNode, Node, ParamNode } from '../parser/ast';
import type { Diagnostic, Range, Severity } from '../types';
import { elements } from '../walk';
import type { CheckContext } from './check';

const ELEMENTS = new WeakMap<object, ElementNode[]>();

/** Every element of the parse, depth first in source order — walked once, shared by the checks. */
export function allElements(ctx: CheckContext): ElementNode[] {
  let list = ELEMENTS.get(ctx.parsed);
  if (!list) {
    list = [...elements(ctx.parsed.document.children)];
    ELEMENTS.set(ctx.parsed, list);
  }
  return list;
}

const RESOLVED = new WeakMap<object, { catalog: Catalog; list: ResolvedElement[] }>();

/** allElements with the definition that applies to each (resolved once per parse and catalogue). */
export function resolvedElements(ctx: CheckContext): ResolvedElement[] {
  const catalog = catalogOf(ctx);
  const hit = RESOLVED.get(ctx.parsed);
  if (hit && hit.catalog === catalog) return hit.list;
  const list = allElements(ctx).map((e) => catalog.definitionFor(e));
  RESOLVED.set(ctx.parsed, { catalog, list });
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

/** `strict_config_value true` in <system>: conversions that would coerce fail instead. */
export function strictMode(ctx: CheckContext): boolean {
  for (const n of ctx.parsed.document.children) {
    if (n.kind !== 'element' || n.name !== 'system') continue;
    const p = findParamNode(n, 'strict_config_value');
    if (p && (valueText(p) === 'true' || valueText(p) === 'yes' || valueText(p) === '')) return true;
  }
  return false;
}

/** Whether the file pulls in other files (then some facts may live elsewhere). */
export function hasIncludes(ctx: CheckContext): boolean {
  const { children } = ctx.parsed.document;
  if (children.some((n) => n.kind === 'include')) return true;
  for (const e of allElements(ctx)) if (e.children.some((n) => n.kind === 'include')) return true;
  return false;
}

/** `<name arg>` as Fluentd prints it in messages. */
export function tagText(e: ElementNode): string {
  return e.arg ? `<${e.name} ${e.arg}>` : `<${e.name}>`;
}
