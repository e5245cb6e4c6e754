// Turns a catalogue in the shared shape (../shared/fluentd/catalog.json, or a user's
// own file for in-house plugins) into the compact CatalogData the service uses.
// Never throws: what cannot be read is skipped and reported in `errors`.
import type {
  ArgumentDef,
  CatalogData,
  CompatKind,
  CompatTable,
  DirectiveDef,
  ParamDef,
  ParamType,
  PluginDef,
  PluginKind,
  RawElementDef,
  SectionDef,
} from './types';

export const CATALOG_FORMAT = 'vscode-fluentd-catalog/1' as const;

const KINDS: ReadonlySet<string> = new Set<PluginKind>([
  'input',
  'output',
  'filter',
  'parser',
  'formatter',
  'buffer',
  'storage',
  'sd',
  'metrics',
  'system',
]);
const TYPES: ReadonlySet<string> = new Set<ParamType>([
  'string',
  'integer',
  'float',
  'size',
  'time',
  'bool',
  'enum',
  'array',
  'hash',
  'regexp',
  'custom',
]);
const COMPAT_KINDS: ReadonlySet<string> = new Set<CompatKind>(['buffer', 'inject', 'extract', 'parser', 'formatter']);

/** Fluentd's own table (meta.section_to_plugin_kind), used when a file does not carry one. */
export const DEFAULT_SECTION_TO_PLUGIN_KIND: Record<string, PluginKind> = {
  buffer: 'buffer',
  parse: 'parser',
  format: 'formatter',
  storage: 'storage',
  service_discovery: 'sd',
  metrics: 'metrics',
  secondary: 'output',
  store: 'output',
};

export interface NormalizeResult {
  data: CatalogData;
  /** Human-readable problems, each naming the entry ("plugins.input/x: …"). */
  errors: string[];
}

export const NOT_AN_OBJECT = 'the file is not a JSON object with a "plugins" map';
export const NO_PLUGINS_MAP = '"plugins" is missing or not an object';

/**
 * A key of the file as a message may show it: plugin, parameter and section names are short
 * lower-case identifiers (`output/acme_audit`, `flush_interval`); anything else is not quoted,
 * so that a file that only looks like a catalogue cannot have its content shown.
 */
export function shown(key: unknown): string {
  return typeof key === 'string' && /^@?[a-z][a-z0-9_]{0,39}(\/[a-z][a-z0-9_]{0,39})?$/.test(key) ? key : '(an entry with an unusual name)';
}

function shownValue(v: unknown): string {
  return typeof v === 'string' && /^[a-z][a-z0-9_]{0,15}$/.test(v) ? JSON.stringify(v) : 'of another kind';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function emptyCatalogData(): CatalogData {
  return {
    format: CATALOG_FORMAT,
    source: { description: '', fluentd: '', repositories: {} },
    directives: { root_children: [] },
    compat_parameters: {},
    reserved_params: {},
    section_to_plugin_kind: { ...DEFAULT_SECTION_TO_PLUGIN_KIND },
    plugins: {},
  };
}

/**
 * Normalises a parsed catalogue. `origin` names the file (kept on each plugin so a
 * finding can say which catalogue a plugin came from).
 */
export function normalizeCatalog(raw: unknown, origin = 'builtin'): NormalizeResult {
  const errors: string[] = [];
  const data = emptyCatalogData();
  if (!isObj(raw)) {
    errors.push(NOT_AN_OBJECT);
    return { data, errors };
  }
  if (raw.format === CATALOG_FORMAT) return normalizeCompact(raw, origin, errors);
  const meta = isObj(raw.meta) ? raw.meta : {};

  data.source.description = str(meta.description) ?? '';
  data.source.fluentd = str(meta.fluentd_version_note) ?? '';
  if (isObj(meta.sources)) {
    for (const [repo, s] of Object.entries(meta.sources)) {
      if (!isObj(s)) continue;
      const entry: { commit?: string; installs?: string } = {};
      if (str(s.commit)) entry.commit = str(s.commit);
      const installs = str(s['daemonset_v1.19_installs']);
      if (installs) entry.installs = installs;
      data.source.repositories[repo] = entry;
    }
  }
  if (isObj(meta.section_to_plugin_kind)) {
    for (const [section, kind] of Object.entries(meta.section_to_plugin_kind)) {
      if (section === '__proto__') continue;
      // values may carry a remark: "output (out_copy / out_roundrobin)"
      const k = str(kind)?.trim().split(/\s/)[0];
      if (k && KINDS.has(k)) data.section_to_plugin_kind[section] = k as PluginKind;
      else errors.push(`meta.section_to_plugin_kind.${shown(section)}: unknown plugin kind ${shownValue(kind)}`);
    }
  }
  if (isObj(meta.reserved_params)) {
    for (const [k, v] of Object.entries(meta.reserved_params)) data.reserved_params[k] = str(v) ?? '';
  }
  if (isObj(raw.directives)) {
    for (const [k, v] of Object.entries(raw.directives)) {
      if (k === 'root_children') {
        if (Array.isArray(v)) data.directives.root_children = v.filter((x): x is string => typeof x === 'string');
      } else if (isObj(v)) {
        const d: DirectiveDef = {};
        if (str(v.arg)) d.arg = str(v.arg);
        if (str(v.requires)) d.requires = str(v.requires);
        if (Array.isArray(v.children)) d.children = v.children.filter((x): x is string => typeof x === 'string');
        if (typeof v.max === 'number') d.max = v.max;
        if (str(v.params)) d.params = str(v.params);
        data.directives[k] = d;
      }
    }
  }
  if (isObj(raw.compat_parameters)) {
    for (const [table, rows] of Object.entries(raw.compat_parameters)) {
      if (!isObj(rows)) continue; // the "note" string
      const t: CompatTable = {};
      for (const [flat, target] of Object.entries(rows)) t[flat] = typeof target === 'string' ? target : null;
      data.compat_parameters[table] = t;
    }
  }
  if (!isObj(raw.plugins)) {
    errors.push('"plugins" is missing or not an object of "kind/name" entries');
    return { data, errors };
  }
  for (const [id, p] of Object.entries(raw.plugins)) {
    const plugin = normalizePlugin(id, p, data.section_to_plugin_kind, origin, errors);
    if (plugin) data.plugins[plugin.id] = plugin;
  }
  return { data, errors };
}

function normalizePlugin(
  id: string,
  p: unknown,
  sectionKinds: Record<string, PluginKind>,
  origin: string,
  errors: string[],
): PluginDef | undefined {
  const slash = id.indexOf('/');
  const kind = id.slice(0, slash);
  const name = id.slice(slash + 1);
  if (slash <= 0 || !name || !KINDS.has(kind)) {
    errors.push(`plugins.${shown(id)}: the key must be "kind/name" with kind one of ${[...KINDS].join(', ')}`);
    return undefined;
  }
  if (!isObj(p)) {
    errors.push(`plugins.${shown(id)}: not an object`);
    return undefined;
  }
  const where = `plugins.${shown(id)}`;
  const plugin: PluginDef = {
    kind: kind as PluginKind,
    name,
    id,
    params: normalizeParams(p.params, where, errors),
    sections: normalizeSections(p.sections, where, sectionKinds, errors),
    repo: str(p.repo) ?? '',
  };
  if (str(p.path)) plugin.path = str(p.path);
  if (str(p.class)) plugin.class = str(p.class);
  if (str(p.configured_in)) plugin.configured_in = str(p.configured_in);
  if (Array.isArray(p.compat_parameters_convert)) {
    for (const c of p.compat_parameters_convert) {
      if (typeof c !== 'string') continue;
      if (COMPAT_KINDS.has(c)) (plugin.compat ??= []).push(c as CompatKind);
      else (plugin.compat_notes ??= []).push(c);
    }
  }
  if (isObj(p.raw_elements)) {
    const raws: Record<string, RawElementDef> = {};
    for (const [n, r] of Object.entries(p.raw_elements)) {
      if (n === '__proto__') continue;
      raws[n] = { multi: isObj(r) && r.multi === true, content: isObj(r) ? (str(r.content) ?? '') : '' };
    }
    plugin.raw_elements = raws;
  }
  if (Array.isArray(p.raw_keys)) plugin.raw_keys = p.raw_keys.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(p.notes)) plugin.notes = p.notes.filter((x): x is string => typeof x === 'string');
  if (p['reads_@label'] === true) plugin.reads_label = true;
  if (origin !== 'builtin') plugin.origin = origin;
  return plugin;
}

function normalizeParams(raw: unknown, where: string, errors: string[]): ParamDef[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push(`${where}.params: not a list`);
    return [];
  }
  const out: ParamDef[] = [];
  for (const [i, p] of raw.entries()) {
    if (!isObj(p) || !str(p.name)) {
      errors.push(`${where}.params[${i}]: needs a "name"`);
      continue;
    }
    const type = str(p.type) ?? 'string';
    if (!TYPES.has(type)) errors.push(`${where}.params.${shown(p.name)}: unknown type ${shownValue(p.type)} (read as string)`);
    const d: ParamDef = { name: p.name as string, type: (TYPES.has(type) ? type : 'string') as ParamType };
    if ('default' in p) d.default = p.default;
    if (p.required === true) d.required = true;
    if (Array.isArray(p.list)) d.list = p.list.map(String);
    if (str(p.value_type)) d.value_type = str(p.value_type);
    if (str(p.alias)) d.alias = str(p.alias);
    if (str(p.deprecated)) d.deprecated = str(p.deprecated);
    if (str(p.obsoleted)) d.obsoleted = str(p.obsoleted);
    if (p.secret === true) d.secret = true;
    if (str(p.note)) d.note = str(p.note);
    const from = str(p.from) ?? str(p.declared_in)?.replace(/^Fluent::(?:Plugin::|PluginHelper::)?/, '');
    if (from) d.from = from;
    out.push(d);
  }
  return out;
}

function normalizeArgument(raw: unknown): ArgumentDef | undefined {
  if (!isObj(raw) || !str(raw.name)) return undefined;
  const type = str(raw.type) ?? 'string';
  const a: ArgumentDef = { name: raw.name as string, type: (TYPES.has(type) ? type : 'string') as ParamType };
  if (raw.required === true) a.required = true;
  if ('default' in raw) a.default = raw.default;
  if (Array.isArray(raw.list)) a.list = raw.list.map(String);
  return a;
}

function normalizeSections(
  raw: unknown,
  where: string,
  sectionKinds: Record<string, PluginKind>,
  errors: string[],
): Record<string, SectionDef> {
  const out: Record<string, SectionDef> = {};
  if (raw === undefined) return out;
  if (!isObj(raw)) {
    errors.push(`${where}.sections: not an object`);
    return out;
  }
  for (const [name, s] of Object.entries(raw)) {
    if (name === '__proto__') {
      errors.push(`${where}.sections: '__proto__' is not a section name`);
      continue;
    }
    if (!isObj(s)) {
      errors.push(`${where}.sections.${shown(name)}: not an object`);
      continue;
    }
    const w = `${where}<${shown(name)}>`;
    const d: SectionDef = {
      name,
      params: normalizeParams(s.params, w, errors),
      sections: normalizeSections(s.sections, w, sectionKinds, errors),
    };
    if (s.required === true) d.required = true;
    if (s.multi === true) d.multi = true;
    if (s.init === true) d.init = true;
    const arg = normalizeArgument(s.argument);
    if (arg) d.argument = arg;
    if (sectionKinds[name]) d.plugin_kind = sectionKinds[name];
    if (isObj(s.default_overrides_for_child_plugin)) d.default_overrides = s.default_overrides_for_child_plugin;
    if (str(s.note)) d.note = str(s.note);
    out[name] = d;
  }
  return out;
}

/** A file already in the compact shape: checked loosely, plugin by plugin. */
function normalizeCompact(raw: Obj, origin: string, errors: string[]): NormalizeResult {
  const data = emptyCatalogData();
  Object.assign(data, raw);
  data.plugins = {};
  if (!isObj(raw.plugins)) {
    errors.push(NO_PLUGINS_MAP);
    return { data, errors };
  }
  for (const [id, p] of Object.entries(raw.plugins)) {
    if (!isObj(p) || !KINDS.has(str(p.kind) ?? '') || !str(p.name) || !Array.isArray(p.params) || !isObj(p.sections)) {
      errors.push(`plugins.${shown(id)}: not a compact plugin entry`);
      continue;
    }
    const plugin = p as unknown as PluginDef;
    data.plugins[id] = origin === 'builtin' ? plugin : { ...plugin, origin };
  }
  return { data, errors };
}
