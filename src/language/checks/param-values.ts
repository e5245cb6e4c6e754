// Values against their declared types, with Fluentd's own conversions (values.ts):
// an error where Fluentd refuses (bad enum, a bool it reads as nil, bad JSON, a
// regexp that does not compile, a regexp parser without named captures), a warning
// where it silently uses something else than written (8 MB → 8 bytes, 500ms → 30000 s).
import { own, type Catalog, type ParamDef, type ResolvedElement } from '../catalog';
import type { ElementNode, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import { boolValue, convert, regexpValue, slashedRegexpValue, timeValue, sizeValue, type ConvertOptions } from '../values';
import type { Check } from './check';
import { ownsCompat } from './schema';
import { catalogOf, childElements, diag, resolvedElements, isEvaluated, strictMode, valueRange, valueText } from './util';

export const paramValueCheck: Check = (ctx) => {
  const catalog = catalogOf(ctx);
  const opts: ConvertOptions = { strict: strictMode(ctx) };
  const out: Diagnostic[] = [];
  for (const r of resolvedElements(ctx)) {
    if (r.role === 'raw' || r.role === 'unknown') continue;
    const e = r.element;
    const compat = ownsCompat(r);
    let written: Set<string> | undefined;
    for (const c of e.children) {
      if (c.kind !== 'param' || c.key === '@type' || c.key === 'type' || (c.value && c.value.embedded.length)) continue;
      let def = catalog.findParam(r, c.key);
      if (!def && compat) {
        written ??= new Set(childElements(e).map((x) => x.name));
        def = compatTarget(catalog, r, c.key, written, c, out);
      }
      // strings are taken as written
      if (def && def.type !== 'string' && def.type !== 'custom') checkValue(c, def, r, opts, catalog, out);
    }
    if (r.plugin?.id === 'parser/multiline') checkMultiline(e, e.parent && catalog.definitionFor(e.parent), out);
    else if (
      r.role === 'directive' &&
      r.plugin?.id === 'input/tail' &&
      !e.children.some((c) => c.kind === 'element' && c.name === 'parse')
    ) {
      // flat `format multiline` with formatN at the <source> level
      const format = e.children.find((c): c is ParamNode => c.kind === 'param' && c.key === 'format');
      if (format && valueText(format) === 'multiline') checkMultiline(e, undefined, out);
    }
  }
  return out;
};

/**
 * The definition a flat v0.12 param takes in the section it is converted into
 * (`flush_interval` → <buffer> flush_interval). `format` and `buffer_type` name
 * plugins; a flat `format /re/` becomes a regexp parser and is checked here.
 */
function compatTarget(
  catalog: Catalog,
  r: ResolvedElement,
  key: string,
  written: Set<string>,
  p: ParamNode,
  out: Diagnostic[],
): ParamDef | undefined {
  const hit = catalog.compatParam(r.plugin!, key);
  if (!hit || written.has(hit.section)) return undefined;
  const section = own(r.sections, hit.section);
  if (key === 'format' && hit.kind === 'parser') {
    const text = valueText(p);
    if (text.startsWith('/') && text.endsWith('/') && text.length > 1) {
      const re = regexpValue(text);
      if (re.error) out.push(diag(valueRange(p), 'error', 'invalid-value', `Invalid regexp in 'format': ${re.error}`, { name: key }));
      else if (!re.value.names.length) {
        out.push(
          diag(
            valueRange(p),
            'error',
            'no-named-captures',
            "No named captures in 'format' (read as the 'expression' of a regexp parser). The regexp must have at least one named capture",
            { name: key },
          ),
        );
      }
    }
    return undefined;
  }
  if (!hit.target || hit.target === '@type' || !section) return undefined;
  const declared = section.params.find((d) => d.name === hit.target);
  if (declared) return declared;
  const dflt = section.params.find((d) => d.name === '@type')?.default;
  const plugin = section.plugin_kind && typeof dflt === 'string' ? catalog.plugin(section.plugin_kind, dflt) : undefined;
  return plugin?.params.find((d) => d.name === hit.target);
}

function checkValue(p: ParamNode, def: ParamDef, r: ResolvedElement, opts: ConvertOptions, catalog: Catalog, out: Diagnostic[]): void {
  const text = valueText(p);
  const range = valueRange(p);
  const name = p.key;
  if (def.type === 'bool') {
    const b = boolValue(text);
    if (b.value !== null) return;
    const hint = /^(true|yes|on|1)$/i.test(text.trim()) ? 'true' : /^(false|no|off|0)$/i.test(text.trim()) ? 'false' : undefined;
    const data = { name, ...(hint ? { replacement: hint } : {}) };
    if ('default' in def && def.default === null) {
      out.push(
        diag(
          range,
          'warning',
          'surprising-value',
          `'${text}' is not a boolean: Fluentd reads it as nil, so '${name}' stays unset. Use true or false.`,
          {
            ...data,
            value: null,
          },
        ),
      );
    } else {
      out.push(
        diag(
          range,
          'error',
          'invalid-value',
          `'${name}' parameter is required but nil is specified: Fluentd reads '${text}' as nil (booleans are true/false or yes/no${hint ? `; write '${hint}'` : ''}).`,
          data,
        ),
      );
    }
    return;
  }
  if (def.type === 'enum') {
    if (!def.list || def.list.includes(text)) return;
    const replacement = closestChoice(catalog, text, def.list);
    out.push(
      diag(
        range,
        'error',
        'invalid-value',
        `valid options are ${def.list.join(',')} but got ${text}${replacement ? ` — did you mean '${replacement}'?` : ''}`,
        {
          name,
          choices: def.list,
          ...(replacement ? { replacement } : {}),
        },
      ),
    );
    return;
  }
  if (def.type === 'string' || def.type === 'custom') return;
  const c = convert(def.type, text, { ...opts, list: def.list });
  if (c.error) {
    out.push(diag(range, 'error', 'invalid-value', `'${name}': ${c.error}`, { name }));
    return;
  }
  if (c.surprise) {
    const replacement = def.type === 'size' ? sizeSuggestion(text) : def.type === 'time' ? timeSuggestion(text) : undefined;
    out.push(diag(range, 'warning', 'surprising-value', c.surprise, { name, value: c.value, ...(replacement ? { replacement } : {}) }));
  }
  if (def.type === 'regexp' && name === 'expression' && r.plugin?.kind === 'parser' && r.plugin.name !== 'kubernetes') {
    const info = (c.value as { names?: string[] } | undefined)?.names;
    if (info && info.length === 0) {
      out.push(
        diag(
          range,
          'error',
          'no-named-captures',
          "No named captures in 'expression' parameter. The regexp must have at least one named capture.",
          { name },
        ),
      );
    }
  }
}

/** Did-you-mean for enum choices: by edit distance, or the one choice the text is a prefix of (drop_oldest). */
export function closestChoice(catalog: Catalog, text: string, list: readonly string[]): string | undefined {
  const near = catalog.closest(text, list);
  if (near || text.length < 3) return near;
  const lower = text.toLowerCase();
  const prefixed = list.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** The multiline parser: format_firstline and formatN must be /…/, compile, and name at least one capture. */
function checkMultiline(e: ElementNode, parent: ResolvedElement | undefined, out: Diagnostic[]): void {
  const formats = new Map<number, ParamNode>();
  const scan = (el: ElementNode) => {
    for (const c of el.children) {
      if (c.kind !== 'param') continue;
      const m = /^format(\d+)$/.exec(c.key);
      if (m && !formats.has(Number(m[1]))) formats.set(Number(m[1]), c);
      if (c.key === 'format_firstline' && !isEvaluated(c)) {
        const r = slashedRegexpValue(valueText(c), 'format_firstline');
        if (r.error) out.push(diag(valueRange(c), 'error', 'invalid-value', r.error, { name: c.key }));
      }
    }
  };
  scan(e);
  // in_tail copies flat format1..20 from <source> into its <parse>
  if (parent?.plugin?.id === 'input/tail' && e.parent) scan(e.parent);
  const names: string[] = [];
  let allChecked = true;
  for (const [n, c] of formats) {
    if (n < 1 || n > 20) {
      out.push(diag(c.keyRange, 'error', 'invalid-value', `Invalid formatN found. N should be 1 - 20: ${c.key}`, { name: c.key }));
      continue;
    }
    if (n > 1 && !formats.has(n - 1)) {
      out.push(diag(c.keyRange, 'error', 'invalid-value', `Jump of format index found. format${n - 1} is missing.`, { name: c.key }));
    }
    if (isEvaluated(c)) {
      allChecked = false;
      continue;
    }
    const r = slashedRegexpValue(valueText(c), c.key);
    if (r.error) out.push(diag(valueRange(c), 'error', 'invalid-value', r.error, { name: c.key }));
    names.push(...r.value.names);
  }
  if (!formats.size) {
    out.push(
      diag(
        e.openRange,
        'error',
        'missing-required-param',
        "The multiline parser needs 'format1' (then format2…): with no formatN Fluentd finds no named captures.",
        {
          name: 'format1',
          type: 'regexp',
          section: e.name,
        },
      ),
    );
  } else if (allChecked && !names.length && formats.has(1)) {
    out.push(
      diag(
        valueRange(formats.get(1)!),
        'error',
        'no-named-captures',
        'No named captures in format1…formatN: the joined regexp must have at least one named capture.',
        {
          name: 'format1',
        },
      ),
    );
  }
}

/** What was probably meant, written so Fluentd reads it that way: `1.5m` → `1536k`, `8 MB` → `8m`. */
function sizeSuggestion(text: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt])(?:i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  let n = Number(m[1]);
  let i = 'kmgt'.indexOf(m[2].toLowerCase());
  while (!Number.isInteger(n) && i >= 0) {
    n *= 1024;
    i--;
  }
  if (!Number.isInteger(n)) return undefined;
  const out = i < 0 ? String(n) : `${n}${'kmgt'[i]}`;
  return sizeValue(out).surprise ? undefined : out;
}

/** `500ms` → `0.5`, `10M` → `10m`, `1.5h` → `90m`, `30 s` → `30s`. */
function timeSuggestion(text: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|msec|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const secs =
    Number(m[1]) *
    (unit.startsWith('ms') ? 0.001 : unit.startsWith('s') ? 1 : unit.startsWith('m') ? 60 : unit.startsWith('h') ? 3600 : 86400);
  let out: string;
  if (secs % 86400 === 0) out = `${secs / 86400}d`;
  else if (secs % 3600 === 0) out = `${secs / 3600}h`;
  else if (secs % 60 === 0) out = `${secs / 60}m`;
  else if (Number.isInteger(secs)) out = `${secs}s`;
  else out = String(secs);
  return timeValue(out).surprise ? undefined : out;
}
