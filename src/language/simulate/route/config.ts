// The config as Fluentd holds it once read: each element with its parameters' values,
// `#{…}` evaluated from the given environment (includes already resolved by the tree).
// A value whose Ruby is beyond the evaluator stays `unknown`; the plugin that needs it
// reports itself as not simulated, the others never look at it. A missing
// `ENV.fetch` key stops Fluentd at start-up, so it is a config error here too.
import type { ConfigTree, TreeElement, TreeItem } from '../../includes/tree';
import type { ElementNode, Value } from '../../parser/ast';
import { closingBracket } from '../../includes/static-value';
import { evaluateRuby, NotSimulated, ParseConfigError } from '../parse/section';
import type { ElementRef } from './types';

export type ParamValue = { kind: 'value'; text: string } | { kind: 'unknown'; code: string };

export interface SimElement {
  name: string;
  /** The argument as Fluentd reads it (a quoted one with `#{…}` evaluated). */
  arg: string;
  /** Set when the argument holds Ruby beyond the evaluator. */
  argUnknown?: string;
  /** Parameters by key; a key given twice keeps the last value, like Fluentd. */
  params: Map<string, ParamValue>;
  children: SimElement[];
  ref: ElementRef;
  /** The element in its file (the parse engine reads a <parse> section from it). */
  node: ElementNode;
}

export interface SimConfig {
  /** Top-level elements in Fluentd's order (includes expanded), `<worker 0>` contents inlined. */
  elements: SimElement[];
  /** Errors Fluentd would stop on while reading the config (a missing ENV.fetch key). */
  errors: string[];
}

export function readConfig(tree: ConfigTree, env: Readonly<Record<string, string | undefined>>): SimConfig {
  const errors: string[] = [];
  const value = (v: Value | undefined): ParamValue => {
    if (!v) return { kind: 'value', text: '' };
    if (v.style !== 'double' || v.embedded.length === 0) return { kind: 'value', text: v.text };
    const r = evaluateDoubleQuoted(v.text, env);
    if (r.kind === 'value') return { kind: 'value', text: r.text };
    if (r.kind === 'error') {
      errors.push(r.message);
      return { kind: 'unknown', code: v.text };
    }
    return { kind: 'unknown', code: r.code };
  };
  const element = (el: TreeElement): SimElement => {
    const params = new Map<string, ParamValue>();
    const children: SimElement[] = [];
    for (const c of el.children) {
      if (c.kind === 'param') params.set(c.node.key, value(c.node.value));
      else if (c.kind === 'element') children.push(element(c));
    }
    const out: SimElement = { name: el.node.name, arg: el.node.arg, params, children, ref: refOf(el, params), node: el.node };
    const arg = argValue(el, env);
    if (arg.kind === 'value') out.arg = arg.text;
    else if (arg.kind === 'unknown') out.argUnknown = arg.code;
    else errors.push(arg.message);
    return out;
  };
  const elements: SimElement[] = [];
  const workers = workerCount(tree.items);
  const top = (items: TreeItem[]) => {
    for (const it of items) {
      if (it.kind !== 'element') continue;
      // worker 0 is simulated: what <worker 0> or <worker 0-N> holds is part of it
      if (it.node.name === 'worker') {
        const ids = workerIds(it.node.arg);
        const bad = ids.find((id) => id < 0 || id >= workers);
        if (bad !== undefined)
          errors.push(
            `Fluent::ConfigError: worker id ${bad} specified by <worker> directive is not allowed. Available worker id is between 0 and ${workers - 1}`,
          );
        if (ids.includes(0)) top(it.children);
        continue;
      }
      elements.push(element(it));
    }
  };
  top(tree.items);
  return { elements, errors };
}

/** `<system> workers N` (default 1). */
function workerCount(items: TreeItem[]): number {
  for (const it of items) {
    if (it.kind !== 'element' || it.node.name !== 'system') continue;
    for (const c of it.children)
      if (c.kind === 'param' && c.node.key === 'workers') return Math.max(1, parseInt(c.node.value?.text ?? '1', 10) || 1);
  }
  return 1;
}

/** `<worker 2>` or `<worker 0-3>`. */
function workerIds(arg: string): number[] {
  const [a, b] = arg.split('-');
  if (b === undefined) return [parseInt(a, 10) || 0];
  const ids: number[] = [];
  for (let i = parseInt(a, 10) || 0; i <= (parseInt(b, 10) || 0) && ids.length < 1024; i++) ids.push(i);
  return ids;
}

/** `<match "#{…}">`: Fluentd evaluates a double-quoted argument. */
function argValue(el: TreeElement, env: Readonly<Record<string, string | undefined>>) {
  const { arg, argRange } = el.node;
  if (!arg.includes('#{') || !argRange) return { kind: 'value' as const, text: arg };
  const idx = el.file.parsed.lineIndex;
  if (el.file.text[idx.offsetAt(argRange.start)] !== '"') return { kind: 'value' as const, text: arg };
  return evaluateDoubleQuoted(arg, env);
}

function refOf(el: TreeElement, params: Map<string, ParamValue>): ElementRef {
  const t = params.get('@type') ?? params.get('type');
  const type = t?.kind === 'value' ? t.text : undefined;
  const idv = params.get('@id');
  const id = idv?.kind === 'value' ? idv.text : undefined;
  const open = el.node.arg ? `<${el.node.name} ${el.node.arg}>` : `<${el.node.name}>`;
  return {
    uri: el.file.uri,
    range: el.node.openRange,
    title: type ? `${open} @type ${type}` : open,
    ...(type !== undefined ? { type } : {}),
    ...(id !== undefined ? { id } : {}),
  };
}

type Evaluated = { kind: 'value'; text: string } | { kind: 'error'; message: string } | { kind: 'unknown'; code: string };

/** A double-quoted value with each `#{…}` evaluated (the parse engine's evaluator: ENV, fetch, literals, `||`). */
export function evaluateDoubleQuoted(text: string, env: Readonly<Record<string, string | undefined>>): Evaluated {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('#{', i);
    if (start < 0) return { kind: 'value', text: out + text.slice(i) };
    const end = closingBracket(text, start + 2, '{', '}');
    if (end < 0) return { kind: 'unknown', code: text.slice(start) };
    const code = text.slice(start + 2, end);
    try {
      out += text.slice(i, start) + evaluateRuby(code, env);
    } catch (e) {
      if (e instanceof ParseConfigError) return { kind: 'error', message: `KeyError: ${e.message}` };
      if (e instanceof NotSimulated) return { kind: 'unknown', code };
      throw e;
    }
    i = end + 1;
  }
}

/** A parameter's value as text; undefined when absent; throws when its Ruby is not simulated. */
export function param(el: SimElement, key: string): string | undefined {
  const v = el.params.get(key);
  if (!v) return undefined;
  if (v.kind === 'unknown') throw new UnknownValue(key, v.code);
  return v.text;
}

export class UnknownValue extends Error {
  constructor(
    readonly key: string,
    readonly code: string,
  ) {
    super(`${key} is computed by Ruby code this simulator does not run (${code})`);
  }
}

export function sections(el: SimElement, name: string): SimElement[] {
  return el.children.filter((c) => c.name === name);
}
