// The language service of Kubernetes YAML: each ConfigMap `data` key ending in `.conf` is a
// fluent.conf document answered by the fluent.conf service this one owns, with positions
// mapped down into the key's text and answers mapped back to the YAML file (only where
// that mapping is exact). YAML without such a ConfigMap gets nothing.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as TextDocumentImpl } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic as LspDiagnostic,
  DocumentLink,
  FormattingOptions,
  Hover,
  Location,
  Range as LspRange,
  TextEdit,
} from 'vscode-languageserver-types';
import type { FileSystem } from '../file-system';
import type { EventRoute } from '../routing/event-route';
import { ROUTING_FIXES, routingCodeActions } from '../features/code-actions';
import type { Diagnostic, Position } from '../types';
import { ConfigMapDocuments, environmentOf } from '../yaml/config-map-documents';
import { envDiagnostics } from '../yaml/env';
import { verifiedYamlEdits, type BlockEdit } from '../yaml/verify-format';
import type { DocumentContext } from '../whole-config/whole-config';
import type { FluentConfService } from './fluent-conf-service';
import type { LanguageService } from './language-service';

export class ConfigMapService implements LanguageService {
  private readonly documents: ConfigMapDocuments;

  constructor(
    /** Answers for each key's own text. */
    private readonly fluent: FluentConfService,
    fileSystem: FileSystem | undefined,
  ) {
    this.documents = new ConfigMapDocuments(fluent, fileSystem);
  }

  forget(uri: string): void {
    this.documents.forget(uri);
  }

  diagnostics(doc: TextDocument): Diagnostic[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    const out = [...a.errors];
    for (const e of a.embeds) {
      const found = this.fluent.diagnostics(e.doc, environmentOf(e));
      const workloads = this.documents.workloadsFor(doc, e.configMap, a.workloads);
      found.push(...envDiagnostics(e.host.file(e.path)!.parsed, workloads, e.configMap.name ?? ''));
      for (const d of found) out.push(a.mapDiagnostic(e, d));
    }
    return out;
  }

  /** The outline and folding of YAML belong to the YAML tooling: none from here. */
  documentSymbols(): [] {
    return [];
  }

  foldingRanges(): [] {
    return [];
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    const hit = this.documents.get(doc)?.at(pos);
    if (!hit) return { isIncomplete: false, items: [] };
    const list = this.fluent.completion(hit.embed.doc, hit.pos);
    const t = hit.embed.text;
    // completion edits stay on the cursor's line; the editor indents inserted lines itself
    const items = list.items.flatMap((item) => {
      const e = item.textEdit;
      if (!e) return [item];
      if ('range' in e) {
        const r = t.toYaml(e.range.start) && t.toYaml(e.range.end) ? t.toYamlRange(e.range) : undefined;
        return r ? [{ ...item, textEdit: { ...e, range: r } }] : [];
      }
      const ok = [e.insert.start, e.insert.end, e.replace.start, e.replace.end].every((p) => t.toYaml(p));
      return ok ? [{ ...item, textEdit: { ...e, insert: t.toYamlRange(e.insert), replace: t.toYamlRange(e.replace) } }] : [];
    });
    return { ...list, items };
  }

  hover(doc: TextDocument, pos: Position): Hover | null {
    const hit = this.documents.get(doc)?.at(pos);
    if (!hit) return null;
    const h = this.fluent.hover(hit.embed.doc, hit.pos, environmentOf(hit.embed));
    if (!h) return null;
    return h.range ? { ...h, range: hit.embed.text.toYamlRange(h.range) } : h;
  }

  /** Formatting of `|` blocks only, and only when the result, read back from the YAML, is the formatted config. */
  format(doc: TextDocument, options?: FormattingOptions, range?: LspRange): TextEdit[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    if (a.errors.length) return []; // broken YAML: nothing could read back right
    const blocks: BlockEdit[] = [];
    for (const e of a.embeds) {
      if (e.text.conf.decoded?.style !== 'literal') continue;
      let inner: LspRange | undefined;
      if (range) {
        inner = e.text.fromYamlRange(range);
        if (!inner || (!e.text.containsLine(range.start.line) && !e.text.containsLine(range.end.line))) continue;
      }
      const edits = this.fluent.format(e.doc, options, inner);
      if (!edits.length) continue;
      const mapped = edits.map((x) => e.text.toYamlEdit(x.range, x.newText));
      if (mapped.some((m) => !m)) continue;
      const yamlEdits = mapped.map((m) => ({ range: m!.range, newText: m!.newText }));
      blocks.push({ configMapId: e.configMap.id, key: e.text.conf.key, expected: TextDocumentImpl.applyEdits(e.doc, edits), yamlEdits });
    }
    // read the keys back from the edited YAML: each must be exactly its formatted config
    return verifiedYamlEdits(doc, blocks);
  }

  definition(doc: TextDocument, pos: Position): Location[] {
    const a = this.documents.get(doc);
    const hit = a?.at(pos);
    if (!a || !hit) return [];
    return this.fluent.definition(hit.embed.doc, hit.pos, environmentOf(hit.embed)).flatMap((l) => {
      const m = a.mapLocation(l.uri, l.range);
      return m ? [{ uri: m.uri, range: m.range }] : [];
    });
  }

  documentLinks(doc: TextDocument): DocumentLink[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    const out: DocumentLink[] = [];
    for (const e of a.embeds) {
      if (!e.text.mapped) continue;
      for (const link of this.fluent.documentLinks(e.doc, environmentOf(e))) {
        const target = a.embedOf(link.target ?? '');
        if (!target) continue;
        const at = target.text.toYaml({ line: 0, character: 0 }) ?? target.text.keyRange().start;
        out.push({
          ...link,
          range: e.text.toYamlRange(link.range),
          target: `${doc.uri.replace(/#.*$/, '')}#L${at.line + 1},${at.character + 1}`,
          tooltip: `Go to the ${target.text.conf.key} key`,
        });
      }
    }
    return out;
  }

  eventRoutes(doc: TextDocument, pos?: Position): EventRoute[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    const out: EventRoute[] = [];
    for (const e of a.embeds) {
      let inner: Position | undefined;
      if (pos) {
        inner = e.text.fromYaml(pos);
        if (!inner) continue;
      }
      out.push(...this.fluent.eventRoutes(e.doc, inner, environmentOf(e)).map((r) => a.mapRoute(r)));
    }
    return out;
  }

  codeLenses(doc: TextDocument): CodeLens[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    const out: CodeLens[] = [];
    for (const e of a.embeds) {
      if (!e.text.mapped) continue;
      for (const lens of this.fluent.codeLenses(e.doc, environmentOf(e))) {
        const range = e.text.toYamlRange(lens.range);
        out.push({ ...lens, range, command: lens.command && { ...lens.command, arguments: [doc.uri, range.start] } });
      }
    }
    return out;
  }

  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    const a = this.documents.get(doc);
    if (!a) return [];
    // routing fixes already carry YAML positions
    const out = routingCodeActions(range, diagnostics);
    for (const e of a.embeds) {
      const inner = e.text.fromYamlRange(range);
      if (!inner || !e.text.containsLine(range.start.line)) continue;
      const mine = diagnostics.flatMap((d) => {
        if (ROUTING_FIXES.has(String(d.code)) || !e.text.containsLine(d.range.start.line)) return [];
        const r = e.text.fromYamlRange(d.range);
        return r ? [{ ...d, range: r }] : [];
      });
      if (!mine.length) continue;
      for (const action of this.fluent.codeActions(e.doc, inner, mine)) {
        const edits = action.edit?.changes?.[e.doc.uri];
        if (!edits || Object.keys(action.edit!.changes!).length !== 1) continue;
        const mapped = edits.map((x) => e.text.toYamlEdit(x.range, x.newText));
        if (mapped.some((m) => !m)) continue;
        const back = diagnostics.filter((d) => action.diagnostics?.some((x) => x.code === d.code && x.message === d.message));
        out.push({
          ...action,
          diagnostics: back,
          edit: { changes: { [doc.uri]: mapped.map((m) => ({ range: m!.range, newText: m!.newText })) } },
        });
      }
    }
    return out;
  }

  /**
   * What the simulator runs for a ConfigMap (playground, Trace This Event): the whole config of
   * the .conf key under `pos` (its ConfigMap's other keys as its includes), or, without a
   * position, of the `fluent.conf` key (else the first .conf key); the position inside the key;
   * and `toYaml`, which maps every `{uri, range}` of the keys in an answer back to the YAML file.
   */
  simulationContext(doc: TextDocument, pos?: Position): { context: DocumentContext; pos?: Position; toYaml: <T>(answer: T) => T } | string {
    const a = this.documents.get(doc);
    if (!a || !a.embeds.length) return 'This YAML has no ConfigMap with a .conf key.';
    let embed = a.embeds.find((e) => e.text.conf.key === 'fluent.conf') ?? a.embeds[0];
    let inner: Position | undefined;
    if (pos) {
      const hit = a.at(pos);
      if (!hit) return 'Put the cursor inside a .conf key of the ConfigMap.';
      embed = hit.embed;
      inner = hit.pos;
    }
    const context = this.fluent.context(embed.doc, environmentOf(embed));
    if (!context) return 'The config could not be read with its includes.';
    const toYaml = <T>(answer: T): T => mapLocations(answer, (uri, range) => a.mapLocation(uri, range)) as T;
    return { context, ...(inner ? { pos: inner } : {}), toYaml };
  }
}

type Ranged = { uri: string; range: LspRange };

/** A copy of a JSON answer with every `{uri, range}` object mapped (left as is where it cannot be). */
function mapLocations(v: unknown, map: (uri: string, range: LspRange) => Ranged | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => mapLocations(x, map));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = mapLocations(x, map);
  if (typeof out.uri === 'string' && out.range && typeof out.range === 'object') {
    const m = map(out.uri, out.range as LspRange);
    if (m) {
      out.uri = m.uri;
      out.range = m.range;
    }
  }
  return out;
}
