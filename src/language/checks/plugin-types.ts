// @type: present where Fluentd needs one, of the right kind, and a plugin some
// catalogue knows. Fluentd refuses to start on a missing @type and on a plugin that
// is not installed; a plugin outside the catalogue may still be installed, so that
// is a warning — unless it is a near-miss of a known name (then it is a typo).
import type { Catalog, CompatKind, PluginKind, ResolvedElement } from '../catalog';
import type { ElementNode, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import type { Check } from './check';
import { ownsCompat } from './schema';
import { resolvedElements, catalogOf, childElements, diag, tagText } from './util';

const KIND_WORD: Record<PluginKind, string> = {
  input: 'input',
  output: 'output',
  filter: 'filter',
  parser: 'parser',
  formatter: 'formatter',
  buffer: 'buffer',
  storage: 'storage',
  sd: 'service discovery',
  metrics: 'metrics',
  system: 'system',
};

function typeParam(e: ElementNode): ParamNode | undefined {
  let old: ParamNode | undefined;
  for (const c of e.children) {
    if (c.kind !== 'param') continue;
    if (c.key === '@type') return c;
    if (c.key === 'type' && !old) old = c;
  }
  return old;
}

export const pluginTypeCheck: Check = (ctx) => {
  const catalog = catalogOf(ctx);
  const out: Diagnostic[] = [];
  for (const r of resolvedElements(ctx)) {
    const e = r.element;
    if (!r.pluginKind || r.pluginKind === 'system') continue;
    const kind = r.pluginKind;
    const p = typeParam(e);
    if (p?.key === 'type' && (r.role === 'directive' || r.role === 'section' || r.role === 'raw')) {
      out.push(
        diag(p.keyRange, 'warning', 'deprecated-type-name', "'type' is deprecated parameter name. use '@type' instead.", {
          replacement: '@type',
        }),
      );
    }
    if (!p) {
      // sections with a default @type (buffer memory, format json…) or inherited (secondary) are fine
      if (r.typeName !== undefined) continue;
      const declared = r.section?.params.find((x) => x.name === '@type');
      const needed = r.role === 'directive' || e.name === 'store' || declared?.required === true;
      // an @include inside may bring the @type
      if (!needed || e.children.some((c) => c.kind === 'include')) continue;
      const where = r.role === 'directive' ? `on ${tagText(e)} directive` : `in <${e.name}> section`;
      out.push(
        diag(e.openRange, 'error', 'missing-type', `Missing '@type' parameter ${where}: name the ${KIND_WORD[kind]} plugin to use.`, {
          kind,
        }),
      );
      continue;
    }
    for (const flat of flatPluginRefs(catalog, e, r)) out.push(...judgeName(catalog, flat.param, flat.kind));
    if (r.plugin) continue;
    out.push(...judgeName(catalog, p, kind));
  }
  return out;
};

/**
 * Flat v0.12 keys that name a plugin (`buffer_type file`, `format json`) where the
 * element's plugin converts them, i.e. no <buffer>/<parse>/<format> is written.
 */
function flatPluginRefs(catalog: Catalog, e: ElementNode, r: ResolvedElement): { param: ParamNode; kind: PluginKind }[] {
  if (!ownsCompat(r)) return [];
  const written = new Set(childElements(e).map((c) => c.name));
  const out: { param: ParamNode; kind: PluginKind }[] = [];
  for (const c of e.children) {
    if (c.kind !== 'param') continue;
    const hit = catalog.compatParam(r.plugin!, c.key);
    if (!hit || written.has(hit.section)) continue;
    const kind = COMPAT_PLUGIN_KIND[hit.kind];
    if (!kind) continue;
    if (hit.target === '@type' || (hit.kind === 'parser' && c.key === 'format')) {
      // `format /regexp/` is a regexp parser (checked with the values)
      if (hit.kind === 'parser' && /^\/.*\/$/.test(c.value?.text ?? '')) continue;
      out.push({ param: c, kind });
    }
  }
  return out;
}

const COMPAT_PLUGIN_KIND: Partial<Record<CompatKind, PluginKind>> = { buffer: 'buffer', parser: 'parser', formatter: 'formatter' };

/** Whether a plugin name (an @type value, or a flat format/buffer_type) is known for its kind. */
function judgeName(catalog: Catalog, p: ParamNode, kind: PluginKind): Diagnostic[] {
  if (!p.value || p.value.embedded.length) return [];
  const name = p.value.text;
  if (catalog.plugin(kind, name)) return [];
  const range = p.value.range;
  const word = KIND_WORD[kind];
  if (name === '') {
    return [
      diag(p.keyRange, 'error', 'unknown-plugin', `'${p.key}' is empty: Fluentd stops with "Unknown ${word} plugin ''".`, { kind, name }),
    ];
  }
  const suggestion = catalog.closest(name, catalog.pluginNames(kind));
  if (suggestion) {
    return [
      diag(
        range,
        'error',
        'unknown-plugin',
        `Unknown ${word} plugin '${name}': did you mean '${suggestion}'? (Fluentd refuses to start.)`,
        {
          kind,
          name,
          replacement: suggestion,
        },
      ),
    ];
  }
  const others = catalog.kindsOf(name).filter((k) => k !== kind);
  if (others.length) {
    return [
      diag(
        range,
        'error',
        'wrong-plugin-kind',
        `'${name}' is a ${others.map((k) => KIND_WORD[k]).join('/')} plugin, not ${article(word)} plugin: Fluentd stops with "Unknown ${word} plugin '${name}'".`,
        { name, expected: kind, actual: others },
      ),
    ];
  }
  return [
    diag(
      range,
      'warning',
      'unknown-plugin',
      `The ${word} plugin '${name}' is not in the catalogue: Fluentd refuses to start unless its gem is installed. Describe in-house plugins with the setting fluentd.catalogs.`,
      { kind, name },
    ),
  ];
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
