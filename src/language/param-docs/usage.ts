// How often real configs set each parameter: the shared corpus (../shared/corpus/valid),
// counted with this project's parser and catalogue (count-usage.ts) by
// scripts/build-param-usage.mjs into usage.data.json. Completion ranks parameters by it
// (after the required ones), and the descriptions must cover the most used.
import type { ParamDef, ResolvedElement } from '../catalog';
import data from './usage.data.json';

export const USAGE_FORMAT = 'vscode-fluentd-param-usage/1' as const;

export interface ParamUsage {
  format: typeof USAGE_FORMAT;
  /** Config files counted. */
  configs: number;
  /** Elements seen per context (see contextKey). */
  contexts: Record<string, number>;
  /** Context → parameter key → elements of that context that set it. */
  set: Record<string, Record<string, number>>;
  /** Parameter key → [elements that set it, elements that accept it], over every context (only those set at least once). */
  params: Record<string, [number, number]>;
}

/** Reserved keys with descriptions of their own (RESERVED_SUMMARIES): not counted, not ranked. */
export const UNCOUNTED: ReadonlySet<string> = new Set(['@type', '@id', '@label']);

/**
 * One parameter wherever it is accepted: the class that declares it and its name
 * (`Output#flush_interval` in every output's <buffer>). Without a declaring class (a
 * user's catalogue) the context stands in for it.
 */
export function paramKey(def: ParamDef, context?: string): string {
  return `${def.from ?? context ?? '?'}#${def.name}`;
}

/** Where parameters are set: a plugin (`output/cloudwatch_logs`, `buffer/file`), else a plugin's section (`filter/record_transformer<record>`). */
export function contextKey(r: ResolvedElement): string | undefined {
  if (r.plugin) return r.plugin.id;
  if (r.role === 'section' && r.owner) return `${r.owner.id}<${r.element.name}>`;
  return undefined;
}

/** How many corpus elements of the context a rate rests on before it outweighs the rate of the parameter everywhere. */
const PRIOR = 2;

/**
 * The share of elements that set the parameter: of this context where the corpus has
 * enough of them, drawn toward its share everywhere it is accepted where it has few.
 * 0 for a parameter the corpus never sets.
 */
export function usageScore(usage: ParamUsage, key: string, context: string | undefined): number {
  const all = usage.params[key];
  const everywhere = all && all[1] ? all[0] / all[1] : 0;
  const n = context ? (usage.contexts[context] ?? 0) : 0;
  const k = context ? (usage.set[context]?.[key] ?? 0) : 0;
  return (k + PRIOR * everywhere) / (n + PRIOR);
}

/** The bundled counts. */
export const bundledUsage = data as unknown as ParamUsage;
