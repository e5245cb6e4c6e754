// The shape of the plugin catalogue the language service works from: facts read
// from the plugins' own config definitions (../shared/fluentd/catalog.json),
// compacted by scripts/build-catalog.mjs into catalog.data.json. Facts only —
// descriptions meant for people belong to hover, not here.

export type PluginKind = 'input' | 'output' | 'filter' | 'parser' | 'formatter' | 'buffer' | 'storage' | 'sd' | 'metrics' | 'system';

export type ParamType = 'string' | 'integer' | 'float' | 'size' | 'time' | 'bool' | 'enum' | 'array' | 'hash' | 'regexp' | 'custom';

/** One `config_param`. Fields that are false/absent in Fluentd are left out. */
export interface ParamDef {
  name: string;
  type: ParamType;
  /** Present when the definition declares a default (null included); absent when it declares none. */
  default?: unknown;
  /** No default declared: Fluentd refuses to start without it ("'x' parameter is required"). */
  required?: boolean;
  /** Enum choices. */
  list?: string[];
  /** Element type of an array/hash. */
  value_type?: string;
  /** Alternate accepted key (e.g. `log_level` for `@log_level`). */
  alias?: string;
  /** Fluentd warns "'x' parameter is deprecated: <text>". */
  deprecated?: string;
  /** Fluentd refuses: "'x' parameter is already removed: <text>". */
  obsoleted?: string;
  /** Masked in config dumps. */
  secret?: boolean;
  /** Where the declaration differs between versions, or configure() changes it. */
  note?: string;
  /**
   * The Ruby class that declares it, without `Fluent::Plugin::` / `Fluent::PluginHelper::` /
   * `Fluent::` (`Output`, `Parser`, `Inject::InjectParams`): a parameter shared by many
   * plugins through a base class or helper is one parameter (one description, one usage count).
   */
  from?: string;
}

/** The argument of a section, e.g. `<buffer tag,time>` → chunk_keys. */
export interface ArgumentDef {
  name: string;
  type: ParamType;
  required?: boolean;
  default?: unknown;
  list?: string[];
}

/** One `config_section` (nested schema). */
export interface SectionDef {
  name: string;
  params: ParamDef[];
  sections: Record<string, SectionDef>;
  /** Must appear at least once. */
  required?: boolean;
  /** May appear more than once. */
  multi?: boolean;
  /** An empty section is synthesised when absent. */
  init?: boolean;
  argument?: ArgumentDef;
  /** The section holds a plugin of this kind chosen by its `@type` (buffer, parse, format, store…). */
  plugin_kind?: PluginKind;
  /** `config_set_default` the owner applies to the child plugin (e.g. chunk_limit_size). */
  default_overrides?: Record<string, unknown>;
  note?: string;
}

/** A sub-element a plugin reads by hand (not declared with config_section). */
export interface RawElementDef {
  multi: boolean;
  content: string;
}

/** Compat tables a plugin converts with compat_parameters_convert. */
export type CompatKind = 'buffer' | 'inject' | 'extract' | 'parser' | 'formatter';

export interface PluginDef {
  kind: PluginKind;
  name: string;
  /** `kind/name`. */
  id: string;
  params: ParamDef[];
  sections: Record<string, SectionDef>;
  /** GitHub owner/name the definition was read from. */
  repo: string;
  /** Source file of the plugin inside its repository. */
  path?: string;
  /** Ruby class. */
  class?: string;
  /** For child plugins: the section they are configured in (parse, format, buffer…). */
  configured_in?: string;
  /** Flat v0.12 parameter tables the plugin converts into sections (compat_parameters_convert). */
  compat?: CompatKind[];
  /** Free-text remarks about compat conversions the tables do not describe. */
  compat_notes?: string[];
  /** Sub-elements read by hand: Fluentd does not check their keys. */
  raw_elements?: Record<string, RawElementDef>;
  /** Keys read by hand (not declared as params), e.g. format1..format20 of the multiline parser. */
  raw_keys?: string[];
  /** Constraints configure() enforces that the tables cannot express. */
  notes?: string[];
  /** Whether the plugin reads `@label` (inputs and router-owning outputs). */
  reads_label?: boolean;
  /** Which catalogue file the plugin came from ('builtin' for the bundled one). */
  origin?: string;
}

export interface DirectiveDef {
  arg?: string;
  requires?: string;
  children?: string[];
  max?: number;
  params?: string;
}

export interface CompatTable {
  /** Flat key → key inside the section it is moved to; null = handled specially by the converter. */
  [flatKey: string]: string | null;
}

/** The compact catalogue file (src/language/catalog/catalog.data.json). */
export interface CatalogData {
  format: 'vscode-fluentd-catalog/1';
  /** What the facts were read from. */
  source: { description: string; fluentd: string; repositories: Record<string, { commit?: string; installs?: string }> };
  directives: { root_children: string[] } & Record<string, DirectiveDef | string[]>;
  compat_parameters: Record<string, CompatTable>;
  reserved_params: Record<string, string>;
  /** Section name → plugin kind (`store` → output). */
  section_to_plugin_kind: Record<string, PluginKind>;
  plugins: Record<string, PluginDef>;
}
