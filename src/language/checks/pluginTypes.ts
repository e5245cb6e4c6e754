// @type: present where Fluentd needs one, of the right kind, and a plugin some
// catalogue knows. Fluentd refuses to start on a missing @type and on a plugin that
// is not installed; a plugin outside the catalogue may still be installed, so that
// is a warning — unless it is a near-miss of a known name (then it is a typo).
import type { PluginKind } from '../catalog';
import type { ElementNode, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import { elements } from '../walk';
import type { Check } from './check';
import { catalogOf, diag, tagText } from './util';

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
  for (const e of elements(ctx.parsed.document.children)) {
    const r = catalog.definitionFor(e);
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
    if (r.plugin || !p.value || p.value.embedded.length) continue;
    const name = p.value.text;
    const range = p.value.range;
    const others = catalog.kindsOf(name).filter((k) => k !== kind);
    const suggestion = catalog.closest(name, catalog.pluginNames(kind));
    if (others.length && !suggestion) {
      out.push(
        diag(
          range,
          'error',
          'wrong-plugin-kind',
          `'${name}' is a ${others.map((k) => KIND_WORD[k]).join('/')} plugin, not ${article(KIND_WORD[kind])} plugin: Fluentd stops with "Unknown ${KIND_WORD[kind]} plugin '${name}'".`,
          { name, expected: kind, actual: others },
        ),
      );
    } else if (suggestion) {
      out.push(
        diag(
          range,
          'error',
          'unknown-plugin',
          `Unknown ${KIND_WORD[kind]} plugin '${name}': did you mean '${suggestion}'? (Fluentd refuses to start.)`,
          { kind, name, replacement: suggestion },
        ),
      );
    } else {
      out.push(
        diag(
          name === '' ? p.keyRange : range,
          name === '' ? 'error' : 'warning',
          'unknown-plugin',
          name === ''
            ? `'@type' is empty: Fluentd stops with "Unknown ${KIND_WORD[kind]} plugin ''".`
            : `The ${KIND_WORD[kind]} plugin '${name}' is not in the catalogue: Fluentd refuses to start unless its gem is installed. Describe in-house plugins with the setting fluentd.catalogs.`,
          { kind, name },
        ),
      );
    }
  }
  return out;
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
