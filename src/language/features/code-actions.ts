// Code actions provider: the quick fixes of every finding, driven by each diagnostic's
// code and `data` (shapes in checks/check.ts). For the parser and the checks: renames to what was
// meant, missing parameters and sections with placeholder values, `type` → `@type`,
// `include` → `@include`, quoting `#{…}`, moving a parameter into its section.
// Every fix is a plain text edit; the tests apply each one to real configs and
// check the finding is gone. For the routing analysis: the pattern edits an
// unmatched-source or dead-filter carries (widen `*` to `**`), possibly in another file.
import {
  CodeAction,
  CodeActionKind,
  TextEdit,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
} from 'vscode-languageserver-types';
import type { Catalog, PluginKind } from '../catalog';
import type { ParseResult } from '../parser';
import type { ElementNode, ParamNode } from '../parser/ast';
import type { PatternEdit, PatternFix } from '../routing/pattern-fixes';
import type { Position, Range } from '../types';
import { nodeAt } from '../walk';

interface FixContext {
  uri: string;
  text: string;
  parsed: ParseResult;
  catalog: Catalog;
  eol: string;
}

type Data = Record<string, unknown>;
type Fixer = (d: LspDiagnostic, data: Data, ctx: FixContext) => CodeAction[];

/** Quick fixes for the diagnostics (those of this service) that overlap `range`. */
export function codeActions(
  uri: string,
  text: string,
  parsed: ParseResult,
  range: LspRange,
  diagnostics: readonly LspDiagnostic[],
  catalog: Catalog,
): CodeAction[] {
  const ctx: FixContext = { uri, text, parsed, catalog, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== 'fluentd') continue;
    if (!overlaps(d.range, range)) continue;
    const fixer = typeof d.code === 'string' ? FIXERS[d.code] : undefined;
    if (!fixer) continue;
    const data = (d.data && typeof d.data === 'object' ? d.data : {}) as Data;
    try {
      out.push(...fixer(d, data, ctx));
    } catch {
      // a fix that cannot be computed on an odd document is simply not offered
    }
  }
  return out;
}

/** Routing findings whose `data.fixes` carry pattern edits. */
export const ROUTING_FIXES: ReadonlySet<string> = new Set(['unmatched-source', 'dead-filter']);

/**
 * Quick fixes for unmatched-source and dead-filter: the pattern edits their data carries
 * (they may be in another file). A <match> fix with filters on the same path is offered
 * first with those filters widened too, then alone.
 */
export function routingCodeActions(range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (typeof d.code !== 'string' || !ROUTING_FIXES.has(d.code) || (d.source !== undefined && d.source !== 'fluentd')) continue;
    if (d.range.end.line < range.start.line || d.range.start.line > range.end.line) continue;
    const fixes = (d.data as { fixes?: PatternFix[] } | undefined)?.fixes;
    if (!Array.isArray(fixes)) continue;
    const actions: CodeAction[] = [];
    for (const f of fixes) {
      const filters = f.filters ?? [];
      if (filters.length) {
        const names = filters.map((x) => `<filter ${x.newText}>`).join(', ');
        actions.push(routingAction(`Use ${f.title}, and ${names} on the same path`, [f, ...filters], d));
      }
      actions.push(routingAction(`Use ${f.title}`, [f], d));
    }
    if (actions.length) actions[0].isPreferred = true;
    out.push(...actions);
  }
  return out;
}

function routingAction(title: string, edits: readonly PatternEdit[], d: LspDiagnostic): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push(TextEdit.replace(e.range, e.newText));
  const action = CodeAction.create(title, { changes }, CodeActionKind.QuickFix);
  action.diagnostics = [d];
  return action;
}

const FIXERS: Record<string, Fixer> = {
  'unknown-plugin': replaceWith((data) => `Change to '${data.replacement}'`),
  'undefined-label': replaceWith((data) => `Change to '${data.replacement}'`),
  'deprecated-type-name': replaceWith(() => "Use '@type'"),
  'deprecated-include': replaceWith(() => "Use '@include'"),
  'literal-embedded-ruby': replaceWith(() => 'Put the value in double quotes so #{…} is evaluated'),
  'surprising-value': replaceWith((data) => `Change to '${data.replacement}'`),
  'invalid-value': invalidValue,
  'deprecated-param': deprecatedParam,
  'unknown-param': unknownParam,
  'unknown-section': unknownSection,
  'obsoleted-param': removeParamLine('Remove the removed parameter'),
  'missing-required-param': missingParam,
  'missing-required-section': missingSection,
  'buffer-time-without-timekey': bufferTimekey,
  'flush-interval-with-flush-mode': flushInterval,
};

// ---- fixers -------------------------------------------------------------------------

/** Replaces the diagnostic's range with `data.replacement` (when the check found one). */
function replaceWith(title: (data: Data) => string): Fixer {
  return (d, data, ctx) => {
    if (typeof data.replacement !== 'string') return [];
    return [fix(title(data), d, ctx, [TextEdit.replace(d.range, data.replacement)], true)];
  };
}

function invalidValue(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  if (typeof data.replacement === 'string') {
    return [fix(`Change to '${data.replacement}'`, d, ctx, [TextEdit.replace(d.range, data.replacement)], true)];
  }
  const choices = Array.isArray(data.choices) ? data.choices.filter((c): c is string => typeof c === 'string') : [];
  return choices.slice(0, 8).map((c) => fix(`Change to '${c}'`, d, ctx, [TextEdit.replace(d.range, c)]));
}

function deprecatedParam(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  if (typeof data.replacement !== 'string') return [];
  const p = paramAt(ctx.parsed, d.range.start);
  if (!p?.parent) return [];
  // the replacement already set: only the deprecated line has to go
  if (p.parent.children.some((c) => c.kind === 'param' && c.key === data.replacement)) {
    return [fix(`Remove '${p.key}' ('${data.replacement}' is set)`, d, ctx, [deleteLine(ctx, p)])];
  }
  return [fix(`Use '${data.replacement}'`, d, ctx, [TextEdit.replace(p.keyRange, data.replacement)], true)];
}

function unknownParam(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  const p = paramAt(ctx.parsed, d.range.start);
  if (!p?.parent) return [];
  const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
  const moveTo = typeof data.moveTo === 'string' ? data.moveTo : undefined;
  const key = replacement ?? p.key;
  if (!moveTo) {
    if (!replacement) return [];
    return [fix(`Change to '${replacement}'`, d, ctx, [TextEdit.replace(p.keyRange, replacement)], true)];
  }
  // the line moves into <moveTo> (written already, or created where the line was)
  const line = key + ctx.text.slice(offset(ctx, p.keyRange.end), offset(ctx, p.range.end));
  const section = p.parent.children.find((c): c is ElementNode => c.kind === 'element' && c.name === moveTo);
  const title = replacement ? `Move into <${moveTo}> as '${replacement}'` : `Move into <${moveTo}>`;
  if (section) {
    const at = afterLastParam(ctx, section);
    return [fix(title, d, ctx, [deleteLine(ctx, p), TextEdit.insert(at.pos, ctx.eol + at.indent + line)], true)];
  }
  const indent = lineIndent(ctx, p.range.start.line);
  const block = [`<${moveTo}>`, `${indent}  ${line}`, `${indent}</${moveTo}>`].join(ctx.eol);
  return [
    fix(
      title,
      d,
      ctx,
      [TextEdit.replace({ start: { line: p.range.start.line, character: indent.length }, end: p.range.end }, block)],
      true,
    ),
  ];
}

function unknownSection(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  if (typeof data.replacement !== 'string') return [];
  const e = elementAt(ctx.parsed, d.range.start);
  if (!e) return [];
  const edits = [TextEdit.replace(e.nameRange, data.replacement)];
  if (e.closeRange) {
    const start = { line: e.closeRange.start.line, character: e.closeRange.start.character + 2 };
    edits.push(TextEdit.replace({ start, end: { line: start.line, character: start.character + e.name.length } }, data.replacement));
  }
  return [fix(`Change to <${data.replacement}>`, d, ctx, edits, true)];
}

function removeParamLine(title: string): Fixer {
  return (d, _data, ctx) => {
    const p = paramAt(ctx.parsed, d.range.start);
    return p ? [fix(`${title} '${p.key}'`, d, ctx, [deleteLine(ctx, p)])] : [];
  };
}

function missingParam(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  const e = elementAt(ctx.parsed, d.range.start);
  if (!e || typeof data.name !== 'string') return [];
  const value = placeholder(data.name, String(data.type ?? 'string'), data.list, ctx, e);
  const at = childInsertPoint(ctx, e);
  return [fix(`Add '${data.name} ${value}'`, d, ctx, [TextEdit.insert(at.pos, `${ctx.eol}${at.indent}${data.name} ${value}`)], true)];
}

function missingSection(d: LspDiagnostic, data: Data, ctx: FixContext): CodeAction[] {
  const e = elementAt(ctx.parsed, d.range.start);
  if (!e || typeof data.name !== 'string') return [];
  const name = data.name;
  const section = ctx.catalog.definitionFor(e).sections[name];
  const indent = childIndent(ctx, e);
  const lines = [`${indent}<${name}>`];
  const params = Array.isArray(data.params) ? (data.params as { name: string; type?: string; list?: unknown }[]) : [];
  const kind = section?.plugin_kind;
  const needsType = kind && !section.params.some((p) => p.name === '@type' && typeof p.default === 'string');
  if (needsType && !params.some((p) => p.name === '@type')) lines.push(`${indent}  @type ${defaultPlugin(kind, ctx.catalog)}`);
  for (const p of params) {
    const value = p.name === '@type' && kind ? defaultPlugin(kind, ctx.catalog) : placeholder(p.name, p.type ?? 'string', p.list, ctx, e);
    lines.push(`${indent}  ${p.name} ${value}`);
  }
  lines.push(`${indent}</${name}>`);
  const block = lines.join(ctx.eol);
  // before the end tag when it starts its line, else after the last child
  const close = e.closeRange;
  if (close && /^[ \t]*$/.test(lineText(ctx, close.start.line).slice(0, close.start.character))) {
    return [fix(`Add <${name}>`, d, ctx, [TextEdit.insert({ line: close.start.line, character: 0 }, block + ctx.eol)], true)];
  }
  const last = lastLine(e);
  return [fix(`Add <${name}>`, d, ctx, [TextEdit.insert(lineEndPos(ctx, last), ctx.eol + block)], true)];
}

function bufferTimekey(d: LspDiagnostic, _data: Data, ctx: FixContext): CodeAction[] {
  const e = elementAt(ctx.parsed, d.range.start);
  if (!e) return [];
  const at = childInsertPoint(ctx, e);
  return [fix("Add 'timekey 1h'", d, ctx, [TextEdit.insert(at.pos, `${ctx.eol}${at.indent}timekey 1h`)], true)];
}

function flushInterval(d: LspDiagnostic, _data: Data, ctx: FixContext): CodeAction[] {
  const p = paramAt(ctx.parsed, d.range.start);
  if (!p?.parent) return [];
  const out = [fix("Remove 'flush_interval'", d, ctx, [deleteLine(ctx, p)])];
  const mode = p.parent.children.find((c): c is ParamNode => c.kind === 'param' && c.key === 'flush_mode');
  if (mode?.value) out.push(fix("Set 'flush_mode interval'", d, ctx, [TextEdit.replace(mode.value.range, 'interval')]));
  return out;
}

// ---- placeholders ----------------------------------------------------------------------

/** The plugin a new section of this kind gets: a common one that needs no parameters. */
const PREFERRED_PLUGIN: Partial<Record<PluginKind, string[]>> = {
  parser: ['json', 'none'],
  formatter: ['json'],
  buffer: ['file', 'memory'],
  output: ['stdout', 'null'],
  storage: ['local'],
  sd: ['static'],
  metrics: ['local'],
};

function defaultPlugin(kind: PluginKind, catalog: Catalog): string {
  const usable = (n: string) => {
    const p = catalog.plugin(kind, n);
    return !!p && !p.params.some((x) => x.required) && !Object.values(p.sections).some((s) => s.required);
  };
  for (const n of PREFERRED_PLUGIN[kind] ?? []) if (usable(n)) return n;
  return catalog.pluginNames(kind).find(usable) ?? catalog.pluginNames(kind)[0] ?? 'CHANGE_ME';
}

/**
 * A value Fluentd accepts for a new required parameter, to be edited: the first
 * choice of an enum, a regexp with a named capture, a tag-like word for strings.
 */
function placeholder(name: string, type: string, list: unknown, ctx: FixContext, e: ElementNode): string {
  if (Array.isArray(list) && typeof list[0] === 'string') return list[0];
  if (name === '@type') {
    const kind = ctx.catalog.definitionFor(e).pluginKind;
    return kind ? defaultPlugin(kind, ctx.catalog) : 'CHANGE_ME';
  }
  if (/^format(\d+|_firstline)$/.test(name)) return '/^(?<message>.*)$/';
  switch (type) {
    case 'bool':
      return 'true';
    case 'integer':
      return '1';
    case 'float':
      return '1.0';
    case 'size':
      return '1m';
    case 'time':
      return '60s';
    case 'array':
      return '[]';
    case 'hash':
      return '{}';
    case 'regexp':
      return '/^(?<message>.*)$/';
    default:
      return 'CHANGE_ME';
  }
}

// ---- tree and text helpers ------------------------------------------------------------------

function fix(title: string, d: LspDiagnostic, ctx: FixContext, edits: TextEdit[], preferred = false): CodeAction {
  const action = CodeAction.create(title, { changes: { [ctx.uri]: edits } }, CodeActionKind.QuickFix);
  action.diagnostics = [d];
  if (preferred) action.isPreferred = true;
  return action;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The element whose start tag holds `pos` (diagnostics point at the tag, its name or argument). */
function elementAt(parsed: ParseResult, pos: Position): ElementNode | undefined {
  const { node } = nodeAt(parsed, pos);
  return node?.kind === 'element' ? node : undefined;
}

/** The parameter whose key or value holds `pos`. */
function paramAt(parsed: ParseResult, pos: Position): ParamNode | undefined {
  const { node } = nodeAt(parsed, pos);
  return node?.kind === 'param' ? node : undefined;
}

function offset(ctx: FixContext, p: Position): number {
  return ctx.parsed.lineIndex.offsetAt(p);
}

function lineText(ctx: FixContext, line: number): string {
  const idx = ctx.parsed.lineIndex;
  return ctx.text.slice(idx.lineStarts[line], idx.lineEnd(line));
}

function lineIndent(ctx: FixContext, line: number): string {
  return /^[ \t]*/.exec(lineText(ctx, line).replace(/^\ufeff/, ''))![0];
}

function lineEndPos(ctx: FixContext, line: number): Position {
  const idx = ctx.parsed.lineIndex;
  return { line, character: idx.lineEnd(line) - idx.lineStarts[line] };
}

/** Indentation for a child line of `e`: that of its first child on a line of its own, else one step in. */
function childIndent(ctx: FixContext, e: ElementNode): string {
  for (const c of e.children) {
    const start = c.kind === 'element' ? c.openRange.start : c.range.start;
    if (start.line > e.openRange.end.line && /^[ \t]*$/.test(lineText(ctx, start.line).slice(0, start.character))) {
      return lineIndent(ctx, start.line);
    }
  }
  return lineIndent(ctx, e.openRange.start.line) + '  ';
}

/** Where a new parameter line goes: after `@type` when it comes first, else after the start tag. */
function childInsertPoint(ctx: FixContext, e: ElementNode): { pos: Position; indent: string } {
  const first = e.children[0];
  const typeFirst = first?.kind === 'param' && (first.key === '@type' || first.key === 'type');
  const line = typeFirst ? first.range.end.line : e.openRange.end.line;
  return { pos: lineEndPos(ctx, line), indent: childIndent(ctx, e) };
}

/** After the last parameter line of `e` (its start tag when it has none). */
function afterLastParam(ctx: FixContext, e: ElementNode): { pos: Position; indent: string } {
  let line = e.openRange.end.line;
  for (const c of e.children) if (c.kind === 'param') line = c.range.end.line;
  return { pos: lineEndPos(ctx, line), indent: childIndent(ctx, e) };
}

function lastLine(e: ElementNode): number {
  const last = e.children[e.children.length - 1];
  return last ? last.range.end.line : e.openRange.end.line;
}

/** Deletes a parameter's whole line(s), line ending included. */
function deleteLine(ctx: FixContext, p: ParamNode): TextEdit {
  const idx = ctx.parsed.lineIndex;
  const startLine = p.range.start.line;
  const endLine = p.range.end.line;
  const next = endLine + 1 < idx.lineCount ? { line: endLine + 1, character: 0 } : lineEndPos(ctx, endLine);
  return TextEdit.del({ start: { line: startLine, character: 0 }, end: next });
}
