// Hover provider: what a parameter is (type, default, required/deprecated, whose it is) and
// does (param-docs), what Fluentd will make of its value ("2m = 2,097,152 bytes"), and what
// a plugin or an element does. Markdown; facts from the catalogue, words from
// plugin-summaries and param-docs.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Catalog, ParamDef, PluginDef, ResolvedElement, SectionDef } from '../catalog';
import type { ParseResult } from '../parser';
import type { ElementNode, IncludeNode, ParamNode } from '../parser/ast';
import { ELEMENT_SUMMARIES, OLD_RESERVED, PLUGIN_SUMMARIES, RESERVED_SUMMARIES } from '../plugin-summaries';
import type { Position } from '../types';
import { containsPosition } from '../types';
import { convert, describeSize, describeTime, formatBytes, formatSeconds } from '../values';
import { labelDefinitions, nodeAt } from '../walk';
import { paramDescription, sectionOf } from '../param-docs';

export function hover(parsed: ParseResult, pos: Position, catalog: Catalog): Hover | null {
  const { node } = nodeAt(parsed, pos);
  if (!node) return null;
  let value: string | undefined;
  if (node.kind === 'element') value = elementHover(node, catalog);
  else if (node.kind === 'param') value = paramHover(node, pos, parsed, catalog);
  else value = includeHover(node);
  if (!value) return null;
  const range = node.kind === 'element' ? node.openRange : node.kind === 'param' ? hoverRange(node, pos) : node.range;
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function hoverRange(p: ParamNode, pos: Position) {
  return p.value && containsPosition(p.value.range, pos) ? p.value.range : p.keyRange;
}

// ---- elements ---------------------------------------------------------------------

function elementHover(e: ElementNode, catalog: Catalog): string | undefined {
  const r = catalog.definitionFor(e);
  const title = `**\`<${e.name}${e.arg ? ' ' + e.arg : ''}>\`**`;
  const lines: string[] = [];
  switch (r.role) {
    case 'directive':
    case 'system':
    case 'label':
    case 'worker':
      lines.push(`${title} — ${ELEMENT_SUMMARIES[e.name] ?? ''}`);
      if (r.plugin && r.role !== 'system') lines.push('', describePlugin(r.plugin, catalog));
      break;
    case 'section': {
      const owner = r.owner ? ` of ${pluginRef(r.owner)}` : '';
      lines.push(`${title} — section${owner}`);
      if (r.section) lines.push('', sectionFacts(r.section));
      if (r.plugin) lines.push('', describePlugin(r.plugin, catalog));
      break;
    }
    case 'raw':
      lines.push(`${title} — read by ${r.owner ? pluginRef(r.owner) : 'its plugin'} itself: its keys are free-form.`);
      break;
    default:
      lines.push(
        `${title} — not a section ${r.owner ? pluginRef(r.owner) : 'Fluentd'} knows here: Fluentd ignores it (warning "section <${e.name}> is not used").`,
      );
  }
  return lines.join('\n');
}

function sectionFacts(s: SectionDef): string {
  const facts: string[] = [];
  facts.push(s.required ? 'Required.' : 'Optional.');
  facts.push(s.multi ? 'May appear several times.' : 'At most once.');
  if (s.argument) {
    const def =
      s.argument.default !== undefined && s.argument.default !== null ? ` (default ${code(showDefault(s.argument.default))})` : '';
    facts.push(`Argument: ${s.argument.name}${s.argument.required ? ', required' : ''}${def}.`);
  }
  if (s.plugin_kind) {
    const t = s.params.find((p) => p.name === '@type');
    const d = typeof t?.default === 'string' ? ` (default ${code(t.default)})` : '';
    facts.push(`\`@type\` chooses a ${s.plugin_kind} plugin${d}.`);
  }
  return facts.join(' ');
}

// ---- parameters ---------------------------------------------------------------------

function paramHover(p: ParamNode, pos: Position, parsed: ParseResult, catalog: Catalog): string | undefined {
  const onValue = !!p.value && containsPosition(p.value.range, pos) && !containsPosition(p.keyRange, pos);
  const owner = p.parent;
  const key = OLD_RESERVED[p.key] ?? p.key;
  if (!owner) return undefined;
  const r = catalog.definitionFor(owner);
  if (key === '@type') {
    const plugin = r.pluginKind && p.value ? catalog.plugin(r.pluginKind, p.value.text) : undefined;
    const head = `**\`${p.key}\`** — ${RESERVED_SUMMARIES['@type']}${oldNameNote(p.key)}`;
    if (plugin) return onValue ? describePlugin(plugin, catalog) : `${head}\n\n${describePlugin(plugin, catalog)}`;
    if (r.pluginKind && p.value) {
      return `${head}\n\nNo ${r.pluginKind} plugin named ${code(p.value.text)} is in the catalogue: Fluentd would need it installed.`;
    }
    return head;
  }
  if (key === '@label') {
    const head = `**\`@label\`** — ${RESERVED_SUMMARIES['@label']}`;
    if (!p.value) return head;
    const defs = labelDefinitions(parsed.document.children, p.value.text);
    const where = defs.length
      ? `Defined at line ${defs[0].start.line + 1}.`
      : `No \`<label ${p.value.text}>\` in this file (Fluentd refuses to start unless an included file defines it).`;
    return `${head}\n\n${where}`;
  }
  if (key === '@id' || (key === '@log_level' && !catalog.findParam(r, '@log_level'))) {
    return `**\`${p.key}\`** — ${RESERVED_SUMMARIES[key]}${oldNameNote(p.key)}`;
  }
  const def = catalog.findParam(r, p.key);
  if (!def) return unknownParamHover(p, r, catalog);
  const about = describeParam(def, r, catalog);
  if (!onValue || !p.value) return about;
  const valueNote = describeValue(def, p.value.text);
  return valueNote ? `${valueNote}\n\n---\n\n${about}` : about;
}

function oldNameNote(key: string): string {
  const now = OLD_RESERVED[key];
  return now ? `\n\n\`${key}\` is the old name: Fluentd warns and asks for \`${now}\`.` : '';
}

function unknownParamHover(p: ParamNode, r: ResolvedElement, catalog: Catalog): string | undefined {
  const plugin = r.plugin ?? r.owner;
  if (plugin) {
    const compat = catalog.compatParam(plugin, p.key);
    if (compat) {
      const target = compat.target ? ` as ${code(compat.target)}` : '';
      return `**\`${p.key}\`** — a flat v0.12 parameter: ${pluginRef(plugin)} moves it into \`<${compat.section}>\`${target}. Writing it inside \`<${compat.section}>\` is the current form.`;
    }
  }
  if (!r.complete) return undefined;
  return `**\`${p.key}\`** — not a parameter of ${r.plugin ? pluginRef(r.plugin) : `\`<${r.element.name}>\``}: Fluentd ignores it (warning "parameter '${p.key}' is not used").`;
}

/** What Fluentd will use for a value, for the types where that is not obvious. */
export function describeValue(def: ParamDef, text: string): string | undefined {
  if (/#\{/.test(text)) return undefined; // embedded Ruby: the value is only known at start-up
  const converted = convert(def.type, text, { list: def.list });
  let line: string | undefined;
  switch (def.type) {
    case 'size':
      line = describeSize(text);
      break;
    case 'time':
      line = describeTime(text);
      break;
    case 'integer':
    case 'float':
      if (converted.surprise || converted.error) line = `${text} → ${String(converted.value)}`;
      break;
    case 'bool':
      line = converted.value === null ? `${text} → nil` : `${text} → ${String(converted.value)}`;
      break;
    default:
      break;
  }
  const notes: string[] = [];
  if (line) notes.push(`**${escapeMd(line)}**${converted.surprise && !converted.error ? ' — probably not what you meant' : ''}`);
  if (converted.error) {
    const nilOk = def.type === 'bool' && def.default === null;
    notes.push(nilOk ? `Fluentd reads it as nil (the default), i.e. unset.` : `⛔ ${escapeMd(converted.error)}`);
  } else if (converted.surprise) {
    notes.push(`⚠️ ${escapeMd(converted.surprise)}`);
  }
  return notes.length ? notes.join('\n\n') : undefined;
}

/** Type, default, flags and owner of a parameter, as Markdown. */
export function describeParam(def: ParamDef, r: ResolvedElement | undefined, catalog: Catalog): string {
  const head = [`**\`${def.name}\`**`, `*${def.type}${def.value_type ? ` of ${def.value_type}` : ''}*`];
  const override = r?.section?.default_overrides?.[def.name];
  if (def.required) head.push('**required**');
  else if (override !== undefined) head.push(`${defaultText(override, def.type)} (set by ${r?.owner ? pluginRef(r.owner) : 'its owner'})`);
  else if ('default' in def) head.push(`${defaultText(def.default, def.type)}${def.default === null ? '' : humanDefault(def)}`);
  const lines = [head.join(' · ')];
  const purpose = paramDescription(def, sectionOf(r));
  if (purpose) lines.push(purpose);
  if (def.alias) lines.push(`Also written \`${def.alias}\`.`);
  if (def.list?.length) lines.push(`One of: ${def.list.map(code).join(', ')}.`);
  if (def.type === 'bool') lines.push('`true`/`yes` or `false`/`no` (anything else is nil).');
  if (def.deprecated) lines.push(`⚠️ Deprecated: ${escapeMd(def.deprecated)}`);
  if (def.obsoleted) lines.push(`⛔ Removed — Fluentd refuses to start: ${escapeMd(def.obsoleted)}`);
  if (def.secret) lines.push('Secret: masked in Fluentd’s config dump.');
  if (def.note) lines.push(`Note: ${escapeMd(def.note)}`);
  if (r) {
    const fromSection = r.section && r.section.params.includes(def);
    const whose = fromSection
      ? `the \`<${r.element.name}>\` section${r.owner ? ` of ${pluginRef(r.owner)}` : ''}`
      : r.plugin
        ? pluginRef(r.plugin)
        : `\`<${r.element.name}>\``;
    const plugin = fromSection ? r.owner : r.plugin;
    const url = plugin ? catalog.docsUrl(plugin) : undefined;
    lines.push(`Parameter of ${whose}.${url ? ` [Documentation](${url})` : ''}`);
  }
  return lines.join('\n\n');
}

/** A plugin's summary, its required parameters and sections, and its docs page. */
export function describePlugin(plugin: PluginDef, catalog: Catalog): string {
  const lines = [`**${plugin.kind} plugin \`${plugin.name}\`** — ${pluginSummary(plugin)}`];
  const required = plugin.params.filter((p) => p.required).map((p) => code(p.name));
  const sections = Object.values(plugin.sections).map((s) => `\`<${s.name}>\`${s.required ? ' (required)' : ''}`);
  const facts: string[] = [];
  if (required.length) facts.push(`Required: ${required.join(', ')}.`);
  if (sections.length) facts.push(`Sections: ${sections.join(', ')}.`);
  if (facts.length) lines.push(facts.join(' '));
  const url = catalog.docsUrl(plugin);
  const from = plugin.origin && plugin.origin !== 'builtin' ? ` (catalogue ${plugin.origin})` : '';
  lines.push(`From ${plugin.repo}${from}.${url ? ` [Documentation](${url})` : ''}`);
  return lines.join('\n\n');
}

export function pluginSummary(plugin: PluginDef): string {
  const known = PLUGIN_SUMMARIES[plugin.id] ?? PLUGIN_SUMMARIES[`${plugin.kind}/${plugin.name}`];
  if (known) return known;
  const n = plugin.params.length;
  return `A ${plugin.kind} plugin with ${n} parameter${n === 1 ? '' : 's'}.`;
}

function pluginRef(p: PluginDef): string {
  return `${p.kind} plugin \`${p.name}\``;
}

function includeHover(n: IncludeNode): string {
  const old = n.keyword === 'include' ? '\n\n`include` is the old form: use `@include`.' : '';
  return `**\`${n.keyword}\`** ${code(n.path)} — ${RESERVED_SUMMARIES['@include']}${old}`;
}

// ---- text helpers ---------------------------------------------------------------------

/** `default \`x\``, or "no default" for Ruby's nil (Fluentd leaves it unset). */
function defaultText(v: unknown, type?: string): string {
  return v === null || v === undefined ? 'no default' : `default ${code(showDefault(v, type))}`;
}

/** A default as it would be written in the config. */
export function showDefault(v: unknown, type?: string): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && type !== 'array') return JSON.stringify(v);
  if (Array.isArray(v)) return v.map(String).join(',');
  return JSON.stringify(v);
}

/** `86400` → " (1d)", `8388608` → " (8 MiB)": defaults are stored in seconds and bytes. */
function humanDefault(def: ParamDef): string {
  const n = def.default;
  if (typeof n !== 'number' || n <= 0) return '';
  if (def.type === 'time' && n >= 60) {
    const m = /\(([^)]*)\)$/.exec(formatSeconds(n));
    return m ? ` (${m[1]})` : '';
  }
  if (def.type === 'size' && n >= 1024) {
    for (const [unit, size] of [
      ['GiB', 1024 ** 3],
      ['MiB', 1024 ** 2],
      ['KiB', 1024],
    ] as const) {
      if (n % size === 0) return ` (${n / size} ${unit})`;
    }
    return ` (${formatBytes(n)})`;
  }
  return '';
}

function code(s: string): string {
  if (!s.includes('`')) return `\`${s}\``;
  return `\`\` ${s} \`\``;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}
