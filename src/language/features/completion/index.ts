// Completion at the cursor: element names allowed there, `@type` plugins of the
// element's kind, parameters not yet set (snippets with their default; required, then
// commonly used, then the rest), enum and
// bool values, `@label` names, tag patterns and buffer chunk keys. Works from the
// error-tolerant parse, so half-typed and unclosed elements still get suggestions.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  TextEdit,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { Catalog, ParamDef, ResolvedElement, SectionDef } from '../../catalog';
import { describeParam, describePlugin, pluginSummary, showDefault } from '../hover';
import { parse, type ParseResult } from '../../parser';
import type { ElementNode, Node } from '../../parser/ast';
import { ELEMENT_SUMMARIES, LOG_LEVELS, OLD_RESERVED, RESERVED_SUMMARIES } from '../../plugin-summaries';
import type { Position, Range } from '../../types';
import { commonness } from '../../param-docs';
import { definedLabels, recordKeys, tagPatterns, undefinedLabels } from './collect';
import { cursorContext, type CursorContext } from './context';
import { elementSnippet, opensOnType, valueSnippet } from './snippets';
import { elementWindow } from './window';

const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/**
 * Completion at `pos`. With `parsed` (the parse of this very text) it works from
 * that; without, it parses only the top-level element around the cursor (see
 * window.ts) so a request right after an edit does not wait for a whole-document
 * parse. `documentWide` gives names the whole document defines (labels, tags,
 * record keys); a parse of an earlier version is good enough for those.
 */
export function completion(
  text: string,
  parsed: ParseResult | undefined,
  pos: Position,
  catalog: Catalog,
  documentWide?: () => ParseResult,
): CompletionList {
  if (parsed) {
    const nodes = () => parsed.document.children;
    return { isIncomplete: false, items: items(cursorContext(text, parsed, pos), nodes, catalog, 0) };
  }
  let whole: ParseResult | undefined;
  const full = () => (whole ??= parse(text));
  const wide = () => (documentWide ?? full)().document.children;
  const w = elementWindow(text, pos.line);
  if (!w) return { isIncomplete: false, items: items(cursorContext(text, full(), pos), wide, catalog, 0) };
  const local = parse(w.text);
  const ctx = cursorContext(w.text, local, { line: pos.line - w.startLine, character: pos.character });
  const list = items(ctx, wide, catalog, w.startLine);
  if (w.startLine) for (const item of list) shiftEdit(item, w.startLine);
  return { isIncomplete: false, items: list };
}

function shiftEdit(item: CompletionItem, lines: number): void {
  const e = item.textEdit;
  if (!e || !('range' in e)) return;
  e.range = {
    start: { line: e.range.start.line + lines, character: e.range.start.character },
    end: { line: e.range.end.line + lines, character: e.range.end.character },
  };
}

/** The top-level nodes of the document (possibly from a parse of an earlier version). */
type DocumentNodes = () => Node[];

/** `lineOffset`: where the parsed text starts in the document (for line numbers shown). */
function items(ctx: CursorContext, doc: DocumentNodes, catalog: Catalog, lineOffset: number): CompletionItem[] {
  const { slot, element } = ctx;
  switch (slot.kind) {
    case 'elementName':
      if (slot.closing) return closingItems(element, slot.replace, lineOffset);
      return elementItems(element, doc, catalog, slot.replace, true);
    case 'elementArg':
      return argumentItems(slot.name, slot.arg, slot.token, doc, slot.replace);
    case 'key': {
      const out = element ? keyItems(element, catalog, slot.replace, slot.valueFollows) : rootKeyItems(slot.replace, slot.valueFollows);
      if (!slot.valueFollows) out.push(...elementItems(element, doc, catalog, slot.replace, false));
      return out;
    }
    case 'value':
      return element ? valueItems(element, slot.key, doc, catalog, slot.replace) : [];
    default:
      return [];
  }
}

// ---- elements -----------------------------------------------------------------------

/** The elements allowed in `parent` (root when undefined), with the section schema where one applies. */
function allowedElements(parent: ElementNode | undefined, doc: DocumentNodes, catalog: Catalog): [string, SectionDef | undefined][] {
  const { directives } = catalog.data;
  const children = (name: 'label' | 'worker'): [string, undefined][] => {
    const d = directives[name];
    return (Array.isArray(d) ? [] : (d?.children ?? [])).map((c) => [c, undefined]);
  };
  if (!parent) {
    const hasSystem = doc().some((n) => n.kind === 'element' && n.name === 'system');
    return directives.root_children
      .filter((d) => !d.startsWith('@') && !(d === 'system' && hasSystem))
      .map((d): [string, undefined] => [d, undefined]);
  }
  const r = catalog.definitionFor(parent);
  if (r.role === 'label') return children('label');
  if (r.role === 'worker') return children('worker');
  const present = new Set(parent.children.filter((c) => c.kind === 'element').map((c) => (c as ElementNode).name));
  const out: [string, SectionDef | undefined][] = [];
  for (const s of Object.values(r.sections)) if (s.multi || !present.has(s.name)) out.push([s.name, s]);
  for (const name of Object.keys(r.rawElements)) if (r.rawElements[name].multi || !present.has(name)) out.push([name, undefined]);
  return out;
}

function elementItems(
  parent: ElementNode | undefined,
  doc: DocumentNodes,
  catalog: Catalog,
  replace: Range,
  typedBracket: boolean,
): CompletionItem[] {
  const owner = parent ? catalog.definitionFor(parent) : undefined;
  return allowedElements(parent, doc, catalog).map(([name, section], i) => {
    const snippet = elementSnippet(name, section, catalog);
    const doc = ELEMENT_SUMMARIES[name] ?? sectionDoc(name, section, owner);
    const item: CompletionItem = {
      label: `<${name}>`,
      kind: section || !ELEMENT_SUMMARIES[name] ? CompletionItemKind.Struct : CompletionItemKind.Module,
      detail: section
        ? `section${section.required ? ' · required' : ''}${section.multi ? ' · multiple' : ''}`
        : parent
          ? 'element'
          : 'directive',
      documentation: { kind: MarkupKind.Markdown, value: doc },
      filterText: typedBracket ? `<${name}` : name,
      // sections before parameters' deprecated tail, required ones first
      sortText: `${section?.required ? '2' : '5'}${String(i).padStart(3, '0')}`,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.adjustIndentation,
      textEdit: TextEdit.replace(replace, snippet),
    };
    if (opensOnType(name, section)) item.command = TRIGGER_SUGGEST;
    return item;
  });
}

function sectionDoc(name: string, section: SectionDef | undefined, owner: ResolvedElement | undefined): string {
  const whose = owner?.plugin ? ` of ${owner.plugin.kind} plugin \`${owner.plugin.name}\`` : '';
  if (!section) return `\`<${name}>\`${whose}: read by the plugin itself.`;
  const facts = [`\`<${name}>\` section${whose}.`];
  if (section.required) facts.push('Required.');
  if (section.multi) facts.push('May appear several times.');
  if (section.plugin_kind) facts.push(`Holds a ${section.plugin_kind} plugin chosen by \`@type\`.`);
  const required = section.params.filter((p) => p.required && p.name !== '@type').map((p) => `\`${p.name}\``);
  if (required.length) facts.push(`Required parameters: ${required.join(', ')}.`);
  return facts.join(' ');
}

function closingItems(element: ElementNode | undefined, replace: Range, lineOffset: number): CompletionItem[] {
  if (!element) return [];
  return [
    {
      label: `</${element.name}>`,
      kind: CompletionItemKind.Struct,
      detail: `closes <${element.name}${element.arg ? ' ' + element.arg : ''}> (line ${element.openRange.start.line + lineOffset + 1})`,
      filterText: `</${element.name}`,
      textEdit: TextEdit.replace(replace, `</${element.name}>`),
    },
  ];
}

// ---- keys -----------------------------------------------------------------------------

function rootKeyItems(replace: Range, valueFollows: boolean): CompletionItem[] {
  return [
    {
      label: '@include',
      kind: CompletionItemKind.Keyword,
      detail: 'include other config files',
      documentation: { kind: MarkupKind.Markdown, value: RESERVED_SUMMARIES['@include'] },
      sortText: '1@include',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(replace, valueFollows ? '@include' : '@include ${1:conf.d/*.conf}'),
    },
  ];
}

function keyItems(element: ElementNode, catalog: Catalog, replace: Range, valueFollows: boolean): CompletionItem[] {
  const r = catalog.definitionFor(element);
  const set = new Set<string>();
  for (const c of element.children) if (c.kind === 'param') set.add(OLD_RESERVED[c.key] ?? c.key);
  const out: CompletionItem[] = [];
  const reserved = (key: string, snippet: string, sort: string, command?: typeof TRIGGER_SUGGEST) => {
    if (set.has(key)) return;
    const item: CompletionItem = {
      label: key,
      kind: CompletionItemKind.Keyword,
      detail: 'reserved parameter',
      documentation: { kind: MarkupKind.Markdown, value: RESERVED_SUMMARIES[key] },
      sortText: sort + key,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(replace, valueFollows ? key : snippet),
    };
    if (command && !valueFollows) item.command = command;
    out.push(item);
  };
  if (r.pluginKind && !r.typeWritten && r.role !== 'system') {
    // a section with a default @type does not need it: offer it lower
    reserved('@type', '@type ', r.typeName === undefined ? '0' : '4', TRIGGER_SUGGEST);
  }
  if (r.role === 'directive') reserved('@id', '@id ${1}', '4');
  if (element.name === 'source' || (r.role === 'directive' && r.plugin?.reads_label))
    reserved('@label', '@label ${1}', '4', TRIGGER_SUGGEST);
  const seen = new Set<string>();
  for (const def of r.params) {
    if (seen.has(def.name) || def.name === '@type') continue;
    seen.add(def.name);
    if (set.has(def.name) || (def.alias && set.has(def.alias)) || def.obsoleted) continue;
    out.push(paramItem(def, r, catalog, replace, valueFollows));
  }
  return out;
}

function paramItem(def: ParamDef, r: ResolvedElement, catalog: Catalog, replace: Range, valueFollows: boolean): CompletionItem {
  const item: CompletionItem = {
    label: def.name,
    kind: CompletionItemKind.Property,
    detail: paramDetail(def, r),
    documentation: { kind: MarkupKind.Markdown, value: describeParam(def, r, catalog) },
    sortText: paramSortText(def, r),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(replace, valueFollows ? def.name : `${def.name} ${valueSnippet(def, 1)}`),
  };
  if (def.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

/**
 * Required first, then the ones real configs commonly set here (most used first), then
 * the rest by name, deprecated ones last (`@log_level` and a dozen `aws_sts_*` no longer
 * come before `log_stream_name`).
 */
export function paramSortText(def: ParamDef, r: ResolvedElement): string {
  if (def.required) return `1${def.name}`;
  if (def.deprecated) return `8${def.name}`;
  const score = commonness(def, r);
  if (score <= 0) return `3${def.name}`;
  return `2${String(1_000_000 - Math.round(score * 1_000_000)).padStart(7, '0')}${def.name}`;
}

function paramDetail(def: ParamDef, r: ResolvedElement): string {
  const override = r.section?.default_overrides?.[def.name];
  const shown = (v: unknown) => (v === null || v === undefined ? 'no default' : `default ${showDefault(v, def.type)}`);
  const d = def.required ? 'required' : override !== undefined ? shown(override) : 'default' in def ? shown(def.default) : '';
  return [def.type, d, def.deprecated ? 'deprecated' : ''].filter(Boolean).join(' · ');
}

// ---- values ---------------------------------------------------------------------------

function valueItems(element: ElementNode, key: string, doc: DocumentNodes, catalog: Catalog, replace: Range): CompletionItem[] {
  const r = catalog.definitionFor(element);
  const name = OLD_RESERVED[key] ?? key;
  if (name === '@type') {
    if (!r.pluginKind) return [];
    return catalog.pluginNames(r.pluginKind).map((n) => {
      const plugin = catalog.plugin(r.pluginKind!, n)!;
      return {
        label: n,
        kind: CompletionItemKind.Class,
        detail: `${plugin.kind} plugin · ${plugin.repo}`,
        documentation: { kind: MarkupKind.Markdown, value: describePlugin(plugin, catalog) },
        labelDetails: { description: pluginSummary(plugin) },
        sortText: `${plugin.repo === 'fluent/fluentd' ? '1' : '2'}${n}`,
        textEdit: TextEdit.replace(replace, n),
      };
    });
  }
  if (name === '@label') {
    return definedLabels(doc())
      .filter((l) => l !== '@ROOT')
      .map((l) => ({
        label: l,
        kind: CompletionItemKind.Reference,
        detail: 'label defined in this file',
        textEdit: TextEdit.replace(replace, l),
      }));
  }
  const def = catalog.findParam(r, key);
  if (name === '@log_level' || def?.name === '@log_level') return choices(LOG_LEVELS, undefined, replace, 'log level');
  if (!def) return [];
  if (def.type === 'enum' && def.list) return choices(def.list, def.default, replace, 'enum');
  if (def.type === 'bool') return choices(['true', 'false'], def.default, replace, 'bool');
  return [];
}

function choices(list: readonly string[], def: unknown, replace: Range, what: string): CompletionItem[] {
  return list.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: v === String(def) ? `${what} · default` : what,
    sortText: `${v === String(def) ? '0' : '1'}${String(i).padStart(3, '0')}`,
    textEdit: TextEdit.replace(replace, v),
  }));
}

// ---- element arguments ---------------------------------------------------------------------

function argumentItems(name: string, arg: string, token: string, doc: DocumentNodes, replace: Range): CompletionItem[] {
  if (name !== 'match' && name !== 'filter' && name !== 'buffer' && name !== 'label') return [];
  const nodes = doc();
  if (name === 'match' || name === 'filter') {
    const written = new Set(arg.split(/\s+/).filter((t) => t && t !== token));
    return tagPatterns(nodes)
      .filter((t) => !written.has(t.pattern))
      .map((t, i) => ({
        label: t.pattern,
        kind: CompletionItemKind.Value,
        detail: t.why,
        sortText: String(i).padStart(4, '0'),
        textEdit: TextEdit.replace(replace, t.pattern),
      }));
  }
  if (name === 'buffer') {
    const written = new Set(arg.split(/[\s,]+/).filter((t) => t && t !== token));
    const keys: [string, string][] = [
      ['tag', 'one chunk per tag (`${tag}` placeholders)'],
      ['time', 'one chunk per `timekey` period (needs `timekey`)'],
      ...recordKeys(nodes).map((k): [string, string] => [k, 'record key seen in this file (`${' + k + '}` placeholders)']),
    ];
    return keys
      .filter(([k]) => !written.has(k))
      .map(([k, why], i) => ({
        label: k,
        kind: i < 2 ? CompletionItemKind.Keyword : CompletionItemKind.Field,
        detail: 'chunk key',
        documentation: { kind: MarkupKind.Markdown, value: why },
        sortText: String(i).padStart(4, '0'),
        textEdit: TextEdit.replace(replace, k),
      }));
  }
  if (name === 'label') {
    return undefinedLabels(nodes).map((l) => ({
      label: l,
      kind: CompletionItemKind.Reference,
      detail: '@label used in this file but not defined',
      textEdit: TextEdit.replace(replace, l),
    }));
  }
  return [];
}
