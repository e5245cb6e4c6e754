// Counts which parameters real configs set (for usage.data.json; run by
// scripts/build-param-usage.mjs, re-checked by the unit tests when the corpus is there).
// Each element of each config is resolved with the catalogue like the checks do; a flat
// v0.12 key a plugin converts counts for the section parameter it becomes.
import type { Catalog, ParamDef } from '../catalog';
import { parse } from '../parser';
import type { ElementNode } from '../parser/ast';
import { elements } from '../walk';
import { contextKey, paramKey, UNCOUNTED, USAGE_FORMAT, type ParamUsage } from './usage';

const OLD_NAMES: Record<string, string> = { type: '@type', id: '@id', log_level: '@log_level' };

export function countParamUsage(texts: readonly string[], catalog: Catalog): ParamUsage {
  const usage: ParamUsage = { format: USAGE_FORMAT, configs: texts.length, contexts: {}, set: {}, params: {} };
  for (const text of texts) {
    for (const el of elements(parse(text).document.children)) countElement(el, catalog, usage);
  }
  return sorted(usage);
}

function countElement(el: ElementNode, catalog: Catalog, usage: ParamUsage): void {
  const r = catalog.definitionFor(el);
  const context = contextKey(r);
  if (!context || !r.complete) return;
  usage.contexts[context] = (usage.contexts[context] ?? 0) + 1;
  const accepted = new Set<string>();
  for (const def of r.params) if (!UNCOUNTED.has(def.name)) accepted.add(paramKey(def, context));
  for (const key of accepted) (usage.params[key] ??= [0, 0])[1]++;
  const set = new Set<string>();
  for (const c of el.children) {
    if (c.kind !== 'param') continue;
    const name = OLD_NAMES[c.key] ?? c.key;
    if (UNCOUNTED.has(name)) continue;
    const def = catalog.findParam(r, name) ?? flatTarget(catalog, r.plugin, name);
    if (def) set.add(paramKey(def, context));
  }
  for (const key of set) {
    const counts = (usage.params[key] ??= [0, 0]);
    counts[0]++;
    if (accepted.has(key)) {
      const byKey = (usage.set[context] ??= {});
      byKey[key] = (byKey[key] ?? 0) + 1;
    } else counts[1]++; // a flat key: this element accepts it through the plugin's conversion
  }
}

/** The section parameter a flat v0.12 key is converted into (`flush_interval` in <match> → <buffer> flush_interval). */
function flatTarget(catalog: Catalog, plugin: Parameters<Catalog['compatParam']>[0] | undefined, key: string): ParamDef | undefined {
  const hit = plugin && catalog.compatParam(plugin, key);
  if (!plugin || !hit?.target || UNCOUNTED.has(hit.target)) return undefined;
  return plugin.sections[hit.section]?.params.find((p) => p.name === hit.target);
}

/** Keys in a stable order (the file is committed: re-running it changes nothing when nothing changed). */
function sorted(u: ParamUsage): ParamUsage {
  const byName = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const set: Record<string, Record<string, number>> = {};
  for (const [k, v] of Object.entries(byName(u.set))) set[k] = byName(v);
  // a parameter nobody sets has no rate to keep
  const params = Object.fromEntries(Object.entries(u.params).filter(([, [n]]) => n > 0));
  return { ...u, contexts: byName(u.contexts), set, params: byName(params) };
}
