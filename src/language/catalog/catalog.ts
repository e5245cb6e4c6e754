// Lookups over the plugin catalogue: plugins by kind and name, and the definition
// that applies to an element of a parsed config (its @type plugin, merged with the
// section schema its parent declares). Immutable: merge() returns a new Catalog.
import type { ElementNode } from '../parser/ast';
import { closest as closestName } from './did-you-mean';
import type { CatalogData, CompatKind, PluginDef, PluginKind, ParamDef, RawElementDef, SectionDef } from './types';
import { Memo } from '../memo';

/** Directive element name → the plugin kind its @type names. */
const DIRECTIVE_KIND: Record<string, PluginKind> = { source: 'input', match: 'output', filter: 'filter' };

/** docs.fluentd.org folder per kind (core plugins only). */
const DOCS_FOLDER: Partial<Record<PluginKind, string>> = {
  input: 'input',
  output: 'output',
  filter: 'filter',
  parser: 'parser',
  formatter: 'formatter',
  buffer: 'buffer',
  storage: 'storage',
  sd: 'service_discovery',
  metrics: 'metrics',
};

/** The section a compat table converts flat parameters into. */
export const COMPAT_TARGET: Record<CompatKind, { section: string; tables: string[] }> = {
  buffer: { section: 'buffer', tables: ['BUFFER_PARAMS', 'BUFFER_TIME_SLICED_PARAMS'] },
  parser: { section: 'parse', tables: ['PARSER_PARAMS'] },
  formatter: { section: 'format', tables: ['FORMATTER_PARAMS'] },
  inject: { section: 'inject', tables: ['INJECT_PARAMS'] },
  extract: { section: 'extract', tables: ['EXTRACT_PARAMS'] },
};

/** Where a compat conversion moves a flat key: the section, and the key there (null: handled specially). */
export interface CompatHit {
  kind: CompatKind;
  section: string;
  target: string | null;
}

/** Keys every directive accepts (Fluentd's reserved parameters). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['@type', '@id', '@label', '@log_level']);

export type ElementRole =
  /** source / match / filter */
  | 'directive'
  /** a section declared by the parent's definition */
  | 'section'
  | 'system'
  | 'label'
  | 'worker'
  /** a sub-element the parent plugin reads by hand: keys unchecked */
  | 'raw'
  /** an element the parent does not declare (Fluentd: "section <x> is not used") */
  | 'unknown';

/** What applies to one element of a config. */
export interface ResolvedElement {
  element: ElementNode;
  role: ElementRole;
  /** The plugin kind @type names here (directives and plugin-typed sections). */
  pluginKind?: PluginKind;
  /** The @type in effect: written, or the section's default, or (for <secondary>) the primary's. */
  typeName?: string;
  /** Whether typeName was written on this element (else it is a default). */
  typeWritten: boolean;
  /** The plugin typeName resolves to, if the catalogue knows it. */
  plugin?: PluginDef;
  /** The schema the parent declares for this section. */
  section?: SectionDef;
  /** The plugin whose definition declares this section (nearest plugin above). */
  owner?: PluginDef;
  /** For role 'raw': what the parent says about the sub-element. */
  raw?: RawElementDef;
  /** Parameters accepted here: the section schema's first, then the plugin's. */
  params: ParamDef[];
  /** Sections accepted here. */
  sections: Record<string, SectionDef>;
  rawElements: Record<string, RawElementDef>;
  rawKeys: readonly string[];
  /**
   * True when every parameter that applies here is known: unknown keys can be
   * reported. False when the @type plugin is not in the catalogue (or raw/unknown).
   */
  complete: boolean;
}

const EMPTY_SECTIONS: Record<string, SectionDef> = Object.freeze({}) as Record<string, SectionDef>;
const EMPTY_RAW: Record<string, RawElementDef> = Object.freeze({}) as Record<string, RawElementDef>;
const NO_PARAMS: readonly ParamDef[] = Object.freeze([]);
const NO_SECTION = Object.freeze({ name: '', params: [], sections: {} }) as SectionDef;

/** Every resolved element has the same shape (fields set up front keep property access fast). */
function make(
  element: ElementNode,
  role: ElementRole,
  section: SectionDef | undefined,
  owner: PluginDef | undefined,
  complete: boolean,
): ResolvedElement {
  return {
    element,
    role,
    pluginKind: undefined,
    typeName: undefined,
    typeWritten: false,
    plugin: undefined,
    section,
    owner,
    raw: undefined,
    params: (section?.params ?? NO_PARAMS) as ParamDef[],
    sections: section?.sections ?? EMPTY_SECTIONS,
    rawElements: EMPTY_RAW,
    rawKeys: NO_PARAMS as unknown as readonly string[],
    complete,
  };
}

export class Catalog {
  readonly data: CatalogData;
  private readonly byKind = new Map<PluginKind, Map<string, PluginDef>>();
  private readonly resolved = new Memo<ElementNode, ResolvedElement>('resolved');
  private readonly compatIndex = new WeakMap<PluginDef, Map<string, CompatHit>>();
  private readonly paramIndex = new WeakMap<readonly ParamDef[], Map<string, ParamDef>>();
  /** Section schema + plugin, merged once per pair. */
  private readonly merged = new WeakMap<
    SectionDef | typeof NO_SECTION,
    Map<PluginDef, { params: ParamDef[]; sections: Record<string, SectionDef> }>
  >();

  constructor(data: CatalogData) {
    this.data = data;
    for (const p of Object.values(data.plugins)) {
      let m = this.byKind.get(p.kind);
      if (!m) this.byKind.set(p.kind, (m = new Map()));
      m.set(p.name, p);
    }
  }

  // ---- plugins ------------------------------------------------------------------

  plugin(kind: PluginKind, name: string): PluginDef | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  pluginNames(kind: PluginKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  plugins(): PluginDef[] {
    return Object.values(this.data.plugins);
  }

  /** Every kind that has a plugin of this name (to say "x is a parser, not an output"). */
  kindsOf(name: string): PluginKind[] {
    const out: PluginKind[] = [];
    for (const [kind, m] of this.byKind) if (m.has(name)) out.push(kind);
    return out;
  }

  /** The plugin kind an element's @type names: source→input, match→output, filter→filter, parse→parser, … */
  kindOfDirective(elementName: string): PluginKind | undefined {
    if (elementName === 'system') return 'system';
    if (Object.hasOwn(DIRECTIVE_KIND, elementName)) return DIRECTIVE_KIND[elementName];
    return own(this.data.section_to_plugin_kind, elementName);
  }

  /** Documentation page: docs.fluentd.org for core plugins, the repository for the others. */
  docsUrl(plugin: PluginDef): string | undefined {
    if (plugin.kind === 'system') return 'https://docs.fluentd.org/deployment/system-config';
    if (plugin.repo === 'fluent/fluentd' && DOCS_FOLDER[plugin.kind]) {
      return `https://docs.fluentd.org/${DOCS_FOLDER[plugin.kind]}/${plugin.name}`;
    }
    if (/^[\w.-]+\/[\w.-]+$/.test(plugin.repo)) return `https://github.com/${plugin.repo}`;
    if (/^https?:\/\//.test(plugin.repo)) return plugin.repo;
    return undefined;
  }

  // ---- definitions --------------------------------------------------------------

  paramsOf(def: PluginDef | SectionDef | ResolvedElement): readonly ParamDef[] {
    return def.params;
  }

  sectionsOf(def: PluginDef | SectionDef | ResolvedElement): Record<string, SectionDef> {
    return def.sections;
  }

  /** The parameter `key` names here, by name or alias. */
  findParam(def: PluginDef | SectionDef | ResolvedElement, key: string): ParamDef | undefined {
    // keyed by the params list, which merged definitions share
    let index = this.paramIndex.get(def.params);
    if (!index) {
      index = new Map();
      // first declaration wins (section schema before plugin), like Fluentd's merge order
      for (const p of def.params) {
        if (!index.has(p.name)) index.set(p.name, p);
        if (p.alias && !index.has(p.alias)) index.set(p.alias, p);
      }
      this.paramIndex.set(def.params, index);
    }
    return index.get(key);
  }

  /** Known flat v0.12 key → where a plugin's compat conversion moves it. */
  compatParam(plugin: PluginDef, key: string): CompatHit | undefined {
    if (!plugin.compat) return undefined;
    let index = this.compatIndex.get(plugin);
    if (!index) {
      index = new Map();
      for (const kind of plugin.compat) {
        const { section, tables } = COMPAT_TARGET[kind];
        for (const t of tables) {
          // the first conversion that reads a key is the one that takes it
          for (const [flat, target] of Object.entries(this.data.compat_parameters[t] ?? {})) {
            if (!index.has(flat)) index.set(flat, Object.freeze({ kind, section, target }));
          }
        }
      }
      this.compatIndex.set(plugin, index);
    }
    return index.get(key);
  }

  /**
   * The definition that applies to an element: for source/match/filter its @type
   * plugin; for a section the schema its parent declares, merged with the plugin its
   * @type names when the section is plugin-typed (buffer, parse, format, store…).
   * Cached per element (the tree of one parse never changes).
   */
  definitionFor(element: ElementNode): ResolvedElement {
    const hit = this.resolved.get(element);
    if (hit) return hit;
    // ancestors first, top-down, so that resolving never recurses deeper than one level
    const chain: ElementNode[] = [];
    for (let e: ElementNode | undefined = element; e && !this.resolved.has(e); e = e.parent) chain.push(e);
    let r!: ResolvedElement;
    for (let i = chain.length - 1; i >= 0; i--) {
      r = this.resolve(chain[i]);
      this.resolved.set(chain[i], r);
    }
    return r;
  }

  private resolve(element: ElementNode): ResolvedElement {
    const parent = element.parent;
    const name = element.name;
    const atTop =
      !parent || (parent.name === 'worker' && !parent.parent) || (parent.name === 'label' && this.definitionFor(parent).role === 'label');
    if (atTop && (name === 'source' || name === 'match' || name === 'filter')) {
      const r = make(element, 'directive', undefined, undefined, true);
      r.pluginKind = DIRECTIVE_KIND[name];
      return this.withPlugin(r, element);
    }
    if (name === 'label' && (!parent || (parent.name === 'worker' && !parent.parent)))
      return make(element, 'label', undefined, undefined, true);
    if (!parent) {
      if (name === 'system') {
        const plugin = this.plugin('system', 'system');
        const r = make(element, 'system', undefined, undefined, !!plugin);
        r.pluginKind = 'system';
        if (plugin) {
          r.plugin = plugin;
          r.params = plugin.params;
          r.sections = plugin.sections;
        }
        return r;
      }
      return make(element, name === 'worker' ? 'worker' : 'unknown', undefined, undefined, name === 'worker');
    }
    const up = this.definitionFor(parent);
    const owner = up.plugin ?? up.owner;
    const section = own(up.sections, name);
    if (section) {
      const r = make(element, 'section', section, owner, up.complete);
      if (!section.plugin_kind) return r;
      r.pluginKind = section.plugin_kind;
      // <secondary> without @type is the primary's plugin again
      const inherit = name === 'secondary' && up.plugin?.kind === 'output' ? up.plugin.name : undefined;
      return this.withPlugin(r, element, inherit);
    }
    const raw = own(up.rawElements, name);
    if (raw) {
      // cri's nested <parse> is a parser chosen by @type like any other
      const parser = own(this.data.section_to_plugin_kind, name) === 'parser';
      const r = make(element, 'raw', undefined, owner, parser);
      r.raw = raw;
      if (!parser) return r;
      r.pluginKind = 'parser';
      return this.withPlugin(r, element);
    }
    return make(element, up.role === 'raw' ? 'raw' : 'unknown', undefined, owner, false);
  }

  /** Adds the @type plugin to a resolved element: its params after the section's own. */
  private withPlugin(r: ResolvedElement, element: ElementNode, inheritedType?: string): ResolvedElement {
    const written = writtenType(element);
    let typeName = written;
    if (typeName === undefined) {
      const declared = r.section?.params.find((p) => p.name === '@type');
      typeName = typeof declared?.default === 'string' ? declared.default : inheritedType;
    }
    r.typeWritten = written !== undefined;
    r.typeName = typeName;
    const plugin = typeName !== undefined && r.pluginKind ? this.plugin(r.pluginKind, typeName) : undefined;
    if (!plugin) {
      // without a known plugin only the section schema is known, not every param that applies
      r.complete = false;
      return r;
    }
    r.plugin = plugin;
    const m = this.mergedWith(r.section, plugin);
    r.params = m.params;
    r.sections = m.sections;
    r.rawElements = plugin.raw_elements ?? EMPTY_RAW;
    r.rawKeys = plugin.raw_keys ?? [];
    return r;
  }

  private mergedWith(section: SectionDef | undefined, plugin: PluginDef): { params: ParamDef[]; sections: Record<string, SectionDef> } {
    const key = section ?? NO_SECTION;
    let byPlugin = this.merged.get(key);
    if (!byPlugin) this.merged.set(key, (byPlugin = new Map()));
    let m = byPlugin.get(plugin);
    if (!m) {
      m = {
        params: section?.params.length ? [...section.params, ...plugin.params] : plugin.params,
        sections: section && Object.keys(section.sections).length ? { ...plugin.sections, ...section.sections } : plugin.sections,
      };
      byPlugin.set(plugin, m);
    }
    return m;
  }

  // ---- extension ----------------------------------------------------------------

  /** A new catalogue with `extra`'s plugins added (a plugin of the same kind/name is replaced). */
  merge(extra: CatalogData): Catalog {
    const d = this.data;
    return new Catalog({
      ...d,
      compat_parameters: { ...d.compat_parameters, ...extra.compat_parameters },
      section_to_plugin_kind: { ...d.section_to_plugin_kind, ...extra.section_to_plugin_kind },
      reserved_params: { ...d.reserved_params, ...extra.reserved_params },
      source: {
        ...d.source,
        repositories: { ...d.source.repositories, ...extra.source.repositories },
      },
      plugins: { ...d.plugins, ...extra.plugins },
    });
  }

  /** Did-you-mean: the closest candidate within a Damerau-Levenshtein bound. */
  closest(name: string, candidates: Iterable<string>, bound?: number): string | undefined {
    return closestName(name, candidates, bound);
  }
}

/** obj[key] when obj itself has it (never what Object.prototype has: `<constructor>` is no section). */
export function own<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The @type written on an element (`@type`, or the deprecated `type`). */
export function writtenType(element: ElementNode): string | undefined {
  let old: string | undefined;
  for (const c of element.children) {
    if (c.kind !== 'param') continue;
    if (c.key === '@type') return c.value?.text ?? '';
    if (c.key === 'type' && old === undefined) old = c.value?.text ?? '';
  }
  return old;
}
