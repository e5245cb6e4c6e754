// Parameters and sections against the plugin's definition, as Fluentd's configure
// does it: required params and sections (an error), a single section written twice
// (an error), a required section argument, deprecated (warning) and obsoleted
// (error) params, and — where Fluentd only warns "is not used" — unknown params and
// sections, with did-you-mean. Flat v0.12 params count as used exactly where the
// plugin converts them (compat_parameters_convert) and the target section is absent.
import { COMPAT_TARGET, own, type Catalog, type CompatKind, type ParamDef, type ResolvedElement, type SectionDef } from '../catalog';
import type { ElementNode, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import type { Check } from './check';
import { resolvedElements, catalogOf, childElements, diag, isFragment, ROOT_CHILDREN, tagText, topLevel } from './util';

export const schemaCheck: Check = (ctx) => {
  const catalog = catalogOf(ctx);
  const out: Diagnostic[] = [];
  const fragment = isFragment(ctx);
  for (const n of topLevel(ctx)) {
    if (n.kind === 'param' && !n.key.startsWith('@')) out.push(unknownParam(n, 'the top level'));
  }
  for (const r of resolvedElements(ctx)) {
    const e = r.element;
    if (r.role === 'unknown') {
      const up = e.parent ? catalog.definitionFor(e.parent) : undefined;
      // inside an element nobody knows, nothing can be said; <worker> children are the structure check's
      if (up && (!up.complete || up.role === 'unknown' || up.role === 'raw' || up.role === 'worker')) continue;
      const candidates = e.parent ? [...Object.keys(up!.sections), ...Object.keys(up!.rawElements)] : ROOT_CHILDREN;
      const replacement = catalog.closest(e.name, candidates);
      if (!e.parent && fragment && !replacement && own(catalog.data.section_to_plugin_kind, e.name)) {
        // its root reads it inside a directive: the section is where it belongs
        if (ctx.tree?.readInside.has(ctx.document.uri)) continue;
        // a file of bare sections is meant to be @included inside a directive
        out.push(
          diag(
            e.nameRange,
            'information',
            'unknown-section',
            `<${e.name}> at the top level: this file looks like a fragment to @include inside a directive; on its own Fluentd ignores it.`,
            { name: e.name },
          ),
        );
        continue;
      }
      const where = e.parent ? ` in ${tagText(e.parent)}` : ' at the top level';
      out.push(
        diag(
          e.nameRange,
          'warning',
          'unknown-section',
          `section <${e.name}> is not used${where}: Fluentd ignores it.${replacement ? ` Did you mean <${replacement}>?` : ''}`,
          replacement ? { name: e.name, replacement } : { name: e.name },
        ),
      );
      continue;
    }
    if (r.role === 'raw') continue;
    checkParams(catalog, e, r, out);
    // what an @include inside the element brings in cannot be seen from here
    if (r.complete && !e.children.some((c) => c.kind === 'include')) checkSections(catalog, e, r, out);
  }
  return out;
};

const NO_COMPAT = {
  lookup: (): undefined => undefined,
  synthesises: (): boolean => false,
  keys: (): string[] => [],
};

/** Whether the element configures a plugin that converts flat params (source/match/filter, <store>, <secondary>). */
export function ownsCompat(r: ResolvedElement): boolean {
  if (!r.plugin?.compat) return false;
  return r.role === 'directive' || (r.role === 'section' && r.pluginKind === r.plugin.kind);
}

/** Flat params this element's plugin converts, for sections it does not write. */
function compatFor(catalog: Catalog, e: ElementNode, r: ResolvedElement) {
  if (!ownsCompat(r)) return NO_COMPAT;
  const kinds = r.plugin!.compat!;
  const written = new Set(childElements(e).map((c) => c.name));
  return {
    /** The conversion that takes `key`, and whether it applies (its section is not written). */
    lookup(key: string): { kind: CompatKind; section: string; target: string | null; applies: boolean } | undefined {
      if (!kinds.length || !r.plugin) return undefined;
      const hit = catalog.compatParam(r.plugin, key);
      return hit && { ...hit, applies: !written.has(hit.section) };
    },
    /** Whether flat params make the converter synthesise section `name`. */
    synthesises(name: string): boolean {
      if (written.has(name)) return false;
      for (const kind of kinds) {
        if (COMPAT_TARGET[kind].section !== name) continue;
        for (const c of e.children) if (c.kind === 'param' && catalog.compatParam(r.plugin!, c.key)?.kind === kind) return true;
      }
      return false;
    },
    keys(): string[] {
      const out: string[] = [];
      for (const kind of kinds)
        for (const t of COMPAT_TARGET[kind].tables) out.push(...Object.keys(catalog.data.compat_parameters[t] ?? {}));
      return out;
    },
  };
}

function checkParams(catalog: Catalog, e: ElementNode, r: ResolvedElement, out: Diagnostic[]): void {
  const compat = compatFor(catalog, e, r);
  const isPlugin = r.pluginKind !== undefined || r.role === 'directive';
  for (const c of e.children) {
    if (c.kind !== 'param') continue;
    const key = c.key;
    if (key === '@type' || key === 'type') {
      if (isPlugin || r.params.some((p) => p.name === '@type')) continue;
    } else if (key === '@id' || key === 'id') {
      if (isPlugin) {
        if (key === 'id') out.push(oldReservedName(c, '@id'));
        continue;
      }
    } else if (key === '@log_level' || key === 'log_level') {
      if (key === 'log_level' && isPlugin && r.role !== 'system') {
        out.push(oldReservedName(c, '@log_level'));
        continue;
      }
      if (isPlugin || catalog.findParam(r, key)) continue;
    } else if (key === '@label') {
      if (r.role === 'directive' && (!r.plugin || r.plugin.reads_label)) continue;
      if (r.role === 'directive' && r.plugin) {
        out.push(
          diag(
            c.keyRange,
            'warning',
            'unknown-param',
            `parameter '@label' in ${tagText(e)} is not used: the ${r.plugin.name} plugin does not emit events, so Fluentd ignores it.`,
            { name: key },
          ),
        );
        continue;
      }
    } else if (key.startsWith('@')) {
      continue; // the parser reports '@' outside the reserved names
    }
    const def = catalog.findParam(r, key);
    if (def) {
      if (def.obsoleted) {
        out.push(diag(c.keyRange, 'error', 'obsoleted-param', `'${key}' parameter is already removed: ${def.obsoleted}`, { name: key }));
      } else if (def.deprecated) {
        const replacement = deprecatedReplacement(catalog, r, def.deprecated, key);
        out.push(
          diag(
            c.keyRange,
            'warning',
            'deprecated-param',
            `'${key}' parameter is deprecated: ${def.deprecated}`,
            replacement ? { name: key, replacement } : { name: key },
          ),
        );
      }
      continue;
    }
    if (r.rawKeys.includes(key)) continue;
    if (r.plugin?.id === 'output/rewrite_tag_filter' && /^rewriterule\d+$/.test(key)) {
      // the catalogue's note on <rule>: flat rewriteruleN keys raise ConfigError
      out.push(
        diag(
          c.keyRange,
          'error',
          'obsoleted-param',
          `'${key}': support for flat rewriteruleN has been dropped (Fluentd refuses it); write a <rule> section with key, pattern and tag.`,
          { name: key, moveTo: 'rule' },
        ),
      );
      continue;
    }
    const conv = compat.lookup(key);
    if (conv?.applies) continue;
    if (!r.complete && r.role !== 'label' && r.role !== 'worker') continue;
    if (conv) {
      out.push(
        diag(
          c.keyRange,
          'warning',
          'unknown-param',
          `parameter '${key}' in ${tagText(e)} is not used: the flat v0.12 form is converted only when no <${conv.section}> section is written${conv.target ? `; write '${conv.target}' inside <${conv.section}>` : ''}.`,
          { name: key, moveTo: conv.section, ...(conv.target && conv.target !== key ? { replacement: conv.target } : {}) },
        ),
      );
      continue;
    }
    const direct = suggestion(catalog, r, key, compat.keys());
    const moveTo = direct ? undefined : childSectionWith(catalog, r, key);
    const near = direct || moveTo ? undefined : nearInChildSection(catalog, r, key);
    out.push(unknownParam(c, tagText(e), direct ?? near?.name, moveTo ?? near?.section));
  }
}

/** `id` / `log_level` on a plugin: still read, with Fluentd's deprecation warning. */
function oldReservedName(p: ParamNode, replacement: string): Diagnostic {
  return diag(p.keyRange, 'warning', 'deprecated-param', `'${p.key}' is deprecated parameter name. use '${replacement}' instead.`, {
    name: p.key,
    replacement,
  });
}

function unknownParam(p: ParamNode, where: string, replacement?: string, moveTo?: string): Diagnostic {
  let hint = '';
  if (moveTo && replacement) hint = ` Did you mean '${replacement}' (inside <${moveTo}>)?`;
  else if (moveTo) hint = ` It belongs inside <${moveTo}>.`;
  else if (replacement) hint = ` Did you mean '${replacement}'?`;
  const data: { name: string; replacement?: string; moveTo?: string } = { name: p.key };
  if (replacement) data.replacement = replacement;
  if (moveTo) data.moveTo = moveTo;
  return diag(p.keyRange, 'warning', 'unknown-param', `parameter '${p.key}' in ${where} is not used: Fluentd ignores it.${hint}`, data);
}

function suggestion(catalog: Catalog, r: ResolvedElement, key: string, extra: string[]): string | undefined {
  const names: string[] = [];
  for (const p of r.params) {
    names.push(p.name);
    if (p.alias) names.push(p.alias);
  }
  names.push(...r.rawKeys, ...extra);
  return catalog.closest(key, names);
}

/** Params of a declared section, with those of its default plugin (<buffer> → buffer/memory). */
function sectionParamNames(catalog: Catalog, s: SectionDef): string[] {
  const names = s.params.map((p) => p.name);
  const dflt = s.plugin_kind ? s.params.find((p) => p.name === '@type')?.default : undefined;
  const plugin = typeof dflt === 'string' ? catalog.plugin(s.plugin_kind!, dflt) : undefined;
  if (plugin) names.push(...plugin.params.map((p) => p.name));
  return names.filter((n) => !n.startsWith('@'));
}

/** A section declared here whose own params have `key` (a param written one level too high). */
function childSectionWith(catalog: Catalog, r: ResolvedElement, key: string): string | undefined {
  for (const [name, s] of Object.entries(r.sections)) if (sectionParamNames(catalog, s).includes(key)) return name;
  return undefined;
}

/** A misspelled param of a child section written one level too high (`flush_intervall` → <buffer> flush_interval). */
function nearInChildSection(catalog: Catalog, r: ResolvedElement, key: string): { name: string; section: string } | undefined {
  for (const [section, s] of Object.entries(r.sections)) {
    const name = catalog.closest(key, sectionParamNames(catalog, s));
    if (name) return { name, section };
  }
  return undefined;
}

/** "use 'copy_mode' parameter instead" → copy_mode, when that is a param here. */
function deprecatedReplacement(catalog: Catalog, r: ResolvedElement, text: string, key: string): string | undefined {
  for (const m of text.matchAll(/['`"]?([A-Za-z_@][\w@]*)['`"]?/g)) {
    const name = m[1];
    if (name !== key && name.length > 2 && catalog.findParam(r, name) && !/^(use|the|instead|parameter|this|option)$/i.test(name)) {
      return name;
    }
  }
  return undefined;
}

/** Required params of a definition (by its params list, which merged definitions share). */
const REQUIRED = new WeakMap<readonly ParamDef[], ParamDef[]>();
function requiredParams(params: readonly ParamDef[]): ParamDef[] {
  let list = REQUIRED.get(params);
  if (!list) {
    const names = new Set<string>();
    list = params.filter((p) => p.required && p.name !== '@type' && !names.has(p.name) && names.add(p.name));
    REQUIRED.set(params, list);
  }
  return list;
}

/** Sections that must be written: required, or synthesised empty (init) while having required params. */
const MUST = new WeakMap<Record<string, SectionDef>, SectionDef[]>();
function mustWrite(sections: Record<string, SectionDef>): SectionDef[] {
  let list = MUST.get(sections);
  if (!list) {
    list = Object.values(sections).filter((s) => s.required || (s.init && s.params.some((p) => p.required)));
    MUST.set(sections, list);
  }
  return list;
}

function checkSections(catalog: Catalog, e: ElementNode, r: ResolvedElement, out: Diagnostic[]): void {
  // required params (the @type of plugin sections is the @type check's business)
  for (const p of requiredParams(r.params)) {
    let found = false;
    for (const c of e.children) if (c.kind === 'param' && (c.key === p.name || c.key === p.alias)) found = true;
    if (found) continue;
    const data: Record<string, unknown> = { name: p.name, type: p.type, section: e.name };
    if (p.list) data.list = p.list;
    out.push(diag(e.openRange, 'error', 'missing-required-param', `'${p.name}' parameter is required in ${tagText(e)}.`, data));
  }
  const must = mustWrite(r.sections);
  let written: Map<string, ElementNode[]> | undefined;
  for (const c of e.children) {
    if (c.kind !== 'element') continue;
    written ??= new Map();
    const list = written.get(c.name);
    if (list) list.push(c);
    else written.set(c.name, [c]);
  }
  if (must.length) {
    const compat = compatFor(catalog, e, r);
    for (const s of must) {
      if (!written?.has(s.name) && !compat.synthesises(s.name)) out.push(missingSection(e, s, !!s.required));
    }
  }
  if (!written) return;
  for (const [name, list] of written) {
    const s = own(r.sections, name);
    if (!s) continue;
    if (!s.multi) {
      for (const extra of list.slice(1)) {
        out.push(
          diag(extra.openRange, 'error', 'duplicate-section', `'<${name}>' section cannot be written twice or more in ${tagText(e)}.`, {
            name,
          }),
        );
        out[out.length - 1].related = [{ range: list[0].openRange, message: `the first <${name}>` }];
      }
    }
    if (s.argument) {
      for (const c of list) {
        if (s.argument.required && !c.arg) {
          out.push(
            diag(c.openRange, 'error', 'missing-section-argument', `<${name}> needs an argument (${s.argument.name}).`, {
              name,
              argument: s.argument.name,
            }),
          );
        } else if (c.arg && s.argument.type === 'enum' && s.argument.list && !s.argument.list.includes(c.arg)) {
          const replacement = catalog.closest(c.arg, s.argument.list);
          out.push(
            diag(c.argRange ?? c.openRange, 'error', 'invalid-value', `valid options are ${s.argument.list.join(',')} but got ${c.arg}`, {
              name: s.argument.name,
              choices: s.argument.list,
              ...(replacement ? { replacement } : {}),
            }),
          );
        }
      }
    }
  }
}

function missingSection(e: ElementNode, s: SectionDef, declaredRequired: boolean): Diagnostic {
  const params = s.params.filter((p) => p.required).map((p) => ({ name: p.name, type: p.type, ...(p.list ? { list: p.list } : {}) }));
  const why = s.note?.includes('missing rewriterules')
    ? ' (Fluentd: "missing rewriterules")'
    : declaredRequired
      ? ''
      : ` (Fluentd fills in an empty one, which lacks ${params.map((p) => `'${p.name}'`).join(', ')})`;
  return diag(e.openRange, 'error', 'missing-required-section', `<${s.name}> section is required in ${tagText(e)}${why}.`, {
    name: s.name,
    ...(s.argument ? { argument: s.argument.name } : {}),
    params,
  });
}
