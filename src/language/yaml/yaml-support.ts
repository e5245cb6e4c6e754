// fluent.conf inside Kubernetes YAML: every ConfigMap `data` key ending in `.conf`
// is a config of its own, checked, completed, hovered and formatted through the same
// language service, with positions mapped between the key's text and the YAML file.
// The keys of one ConfigMap are the files of one directory, so `@include other.conf`
// reads the sibling key. Workloads that mount the ConfigMap (same file, or YAML next
// to it) give the ENV cross-check. YAML without such a ConfigMap gets nothing.
import { posix } from 'node:path';
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
import { glob as globPaths, globOrNothing } from '../glob';
import { definitionAt, documentLinks } from '../includes/features';
import type { ConfigHost, SourceFile } from '../includes/host';
import type { DocumentContext } from '../includes/whole-config';
import { LineIndex } from '../parser/line-index';
import type { PatternFix } from '../routing/analyze';
import type { EventRoute } from '../routing/event-route';
import { eventRoutesOf, routeCodeLenses, routingCodeActions } from '../routing/features';
import type { FluentdLanguageService } from '../service';
import type { Diagnostic, Position, Range } from '../types';
import { uriToPath } from '../uri';
import { EmbeddedText } from './embedded';
import { verifiedYamlEdits, type BlockEdit } from './verify-format';
import { envDiagnostics } from './env';
import { mayHoldFluentdConfigMap, mayHoldWorkload, readManifests, type ConfigMapInfo, type WorkloadInfo } from './manifests';

/** A YAML document: by language, else by extension (the keys' own documents are `fluentd`). */
export function isYamlDocument(doc: { uri: string; languageId: string }): boolean {
  return doc.languageId === 'yaml' || (doc.languageId !== 'fluentd' && /\.ya?ml$/i.test(doc.uri.replace(/[?#].*$/, '')));
}

/** One .conf key of a ConfigMap, ready for the language service. */
interface Embed {
  text: EmbeddedText;
  /** The virtual document the service sees (a URI of its own, the YAML document's version). */
  doc: TextDocument;
  /** Its path in the ConfigMap's virtual directory. */
  path: string;
  host: ConfigMapHost;
  configMap: ConfigMapInfo;
}

interface Analysis {
  version: number;
  text: string;
  lines: LineIndex;
  errors: Diagnostic[];
  embeds: Embed[];
  workloads: WorkloadInfo[];
}

/** The keys of one ConfigMap as the files of one directory (and of the paths workloads mount it at). */
class ConfigMapHost implements ConfigHost {
  readonly unmatched = 'unknown' as const;
  readonly files = new Map<string, SourceFile>();

  constructor(
    readonly dir: string,
    private readonly mounts: string[],
  ) {}

  glob(pattern: string): string[] {
    const names = [...this.files.keys()].map((p) => posix.basename(p));
    for (const base of [this.dir, ...this.mounts]) {
      const prefix = base.endsWith('/') ? base : `${base}/`;
      if (!pattern.startsWith(prefix)) continue;
      const found = globPaths(this.dir + '/' + pattern.slice(prefix.length), {
        list: (d) => (d === this.dir ? names.map((name) => ({ name, isDirectory: false })) : undefined),
      });
      if (found.length) return found;
    }
    return [];
  }

  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  peek(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  rootCandidates(): string[] {
    return [...this.files.keys()];
  }
}

/** Cap on YAML files read next to a ConfigMap for the workloads that mount it. */
const MAX_NEIGHBOURS = 50;

export class YamlSupport {
  private readonly cache = new Map<string, Analysis>();
  private readonly neighbours = new Map<string, { text: string; workloads: WorkloadInfo[] }>();

  constructor(
    private readonly service: FluentdLanguageService,
    private readonly fileSystem: FileSystem | undefined,
  ) {}

  /** The outline and folding of YAML belong to the YAML tooling: none from here. */
  documentSymbols(): [] {
    return [];
  }

  foldingRanges(): [] {
    return [];
  }

  forget(uri: string): void {
    const a = this.cache.get(uri);
    if (a) for (const e of a.embeds) this.service.forget(e.doc.uri);
    this.cache.delete(uri);
  }

  /** The ConfigMaps of a YAML document; undefined (cheaply) when it holds none with .conf keys. */
  private analysis(doc: TextDocument): Analysis | undefined {
    const text = doc.getText();
    if (!mayHoldFluentdConfigMap(text)) return undefined;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit;
    if (hit) for (const e of hit.embeds) this.service.forget(e.doc.uri);
    const lines = new LineIndex(text);
    const manifests = readManifests(text);
    if (!manifests.configMaps.length && !manifests.errors.length) return undefined;
    const analysis: Analysis = { version: doc.version, text, lines, errors: manifests.errors, embeds: [], workloads: manifests.workloads };
    for (const cm of manifests.configMaps) {
      const mounts = [...new Set(this.workloadsFor(doc, cm, manifests.workloads).flatMap((w) => w.mounts.get(cm.name ?? '') ?? []))];
      const host = new ConfigMapHost(`/configmap/${cm.id}`, mounts);
      for (const conf of cm.keys) {
        const path = `${host.dir}/${conf.key}`;
        const vdoc = TextDocumentImpl.create(
          `${doc.uri}#configmap=${cm.id}&key=${encodeURIComponent(conf.key)}`,
          'fluentd',
          doc.version,
          conf.text,
        );
        const embed: Embed = { text: new EmbeddedText(conf, lines), doc: vdoc, path, host, configMap: cm };
        host.files.set(path, { path, uri: vdoc.uri, text: conf.text, parsed: this.service.parse(vdoc) });
        analysis.embeds.push(embed);
      }
    }
    this.cache.set(doc.uri, analysis);
    return analysis;
  }

  /** Workloads mounting the ConfigMap: in this file, then in YAML files next to it. */
  private workloadsFor(doc: TextDocument, cm: ConfigMapInfo, own: WorkloadInfo[]): WorkloadInfo[] {
    if (!cm.name) return [];
    const mounts = (w: WorkloadInfo) => w.configMaps.has(cm.name!) && (!w.namespace || !cm.namespace || w.namespace === cm.namespace);
    const here = own.filter(mounts);
    if (here.length) return here;
    const path = uriToPath(doc.uri.replace(/[?#].*$/, ''));
    if (!path || !this.fileSystem) return [];
    const dir = posix.dirname(path.replace(/\\/g, '/'));
    const found: WorkloadInfo[] = [];
    const files = [...globOrNothing(this.fileSystem, `${dir}/*.yaml`), ...globOrNothing(this.fileSystem, `${dir}/*.yml`)]
      .filter((p) => p !== path)
      .slice(0, MAX_NEIGHBOURS);
    for (const p of files) {
      const open = [...this.cache.entries()].find(([u]) => uriToPath(u) === p)?.[1].text;
      const text = open ?? ((this.fileSystem.size?.(p) ?? 0) > 2 * 1024 * 1024 ? undefined : this.fileSystem.readFile(p));
      if (!text || !mayHoldWorkload(text) || !text.includes(cm.name)) continue;
      let hit = this.neighbours.get(p);
      if (!hit || hit.text !== text) {
        hit = { text, workloads: readManifests(text).workloads };
        this.neighbours.set(p, hit);
      }
      found.push(...hit.workloads.filter(mounts));
    }
    return found;
  }

  private context(e: Embed): DocumentContext | undefined {
    return this.service.context(e.doc, { host: e.host, path: e.path });
  }

  /** The .conf key under a YAML position, with the position inside it. */
  private at(doc: TextDocument, pos: Position): { embed: Embed; pos: Position } | undefined {
    const a = this.analysis(doc);
    if (!a) return undefined;
    for (const embed of a.embeds) {
      const p = embed.text.fromYaml(pos);
      if (p) return { embed, pos: p };
    }
    return undefined;
  }

  /** A virtual URI of this document's keys → the YAML document and the range mapped into it. */
  private mapLocation(a: Analysis, yamlUri: string, uri: string, range: Range): { uri: string; range: Range } | undefined {
    const e = a.embeds.find((x) => x.doc.uri === uri);
    if (!e) return uri.startsWith(`${yamlUri}#`) ? undefined : { uri, range };
    return { uri: yamlUri, range: e.text.toYamlRange(range) };
  }

  diagnostics(doc: TextDocument): Diagnostic[] {
    const a = this.analysis(doc);
    if (!a) return [];
    const out = [...a.errors];
    for (const e of a.embeds) {
      const found = this.service.diagnostics(e.doc, { host: e.host, path: e.path });
      const workloads = this.workloadsFor(doc, e.configMap, a.workloads);
      found.push(...envDiagnostics(e.host.file(e.path)!.parsed, workloads, e.configMap.name ?? ''));
      for (const d of found) out.push(this.mapDiagnostic(a, doc.uri, e, d));
    }
    return out;
  }

  private mapDiagnostic(a: Analysis, yamlUri: string, e: Embed, d: Diagnostic): Diagnostic {
    const mapped: Diagnostic = { ...d, range: e.text.toYamlRange(d.range) };
    if (!e.text.mapped)
      mapped.message = `${e.configMap.name ? `${e.configMap.name}/` : ''}${e.text.conf.key} line ${d.range.start.line + 1}: ${d.message}`;
    if (d.related) {
      mapped.related = d.related.flatMap((r) => {
        const loc = this.mapLocation(a, yamlUri, r.uri ?? e.doc.uri, r.range);
        return loc ? [{ ...r, uri: loc.uri, range: loc.range }] : [];
      });
    }
    const fixes = (d.data as { fixes?: PatternFix[] } | undefined)?.fixes;
    if (d.code === 'unmatched-source' && Array.isArray(fixes)) {
      // the quick fix edits a <match> argument: only where that edit maps exactly
      const ok = fixes.flatMap((f) => {
        const target = a.embeds.find((x) => x.doc.uri === f.uri);
        const edit = target?.text.toYamlEdit(f.range, f.newText);
        return edit ? [{ ...f, uri: yamlUri, range: edit.range, newText: edit.newText }] : [];
      });
      mapped.data = { ...(d.data as object), fixes: ok };
    }
    return mapped;
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    const hit = this.at(doc, pos);
    if (!hit) return { isIncomplete: false, items: [] };
    const list = this.service.completion(hit.embed.doc, hit.pos);
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
    const hit = this.at(doc, pos);
    if (!hit) return null;
    const h = this.service.hover(hit.embed.doc, hit.pos);
    if (!h) return null;
    return h.range ? { ...h, range: hit.embed.text.toYamlRange(h.range) } : h;
  }

  /** Formatting of `|` blocks only, and only when the result, read back from the YAML, is the formatted config. */
  format(doc: TextDocument, options?: FormattingOptions, range?: LspRange): TextEdit[] {
    const a = this.analysis(doc);
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
      const edits = this.service.format(e.doc, options, inner);
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
    const hit = this.at(doc, pos);
    if (!hit) return [];
    const ctx = this.context(hit.embed);
    const a = this.analysis(doc)!;
    const locs = (ctx && definitionAt(ctx, hit.pos)) ?? [];
    return locs.flatMap((l) => {
      const m = this.mapLocation(a, doc.uri, l.uri, l.range);
      return m ? [{ uri: m.uri, range: m.range }] : [];
    });
  }

  documentLinks(doc: TextDocument): DocumentLink[] {
    const a = this.analysis(doc);
    if (!a) return [];
    const out: DocumentLink[] = [];
    for (const e of a.embeds) {
      const ctx = this.context(e);
      if (!ctx || !e.text.mapped) continue;
      for (const link of documentLinks(ctx)) {
        const target = a.embeds.find((x) => x.doc.uri === link.target);
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
    const a = this.analysis(doc);
    if (!a) return [];
    const out: EventRoute[] = [];
    for (const e of a.embeds) {
      let inner: Position | undefined;
      if (pos) {
        inner = e.text.fromYaml(pos);
        if (!inner) continue;
      }
      const ctx = this.context(e);
      if (ctx) out.push(...eventRoutesOf(ctx, inner).map((r) => this.mapRoute(a, doc.uri, r)));
    }
    return out;
  }

  private mapRoute(a: Analysis, yamlUri: string, r: EventRoute): EventRoute {
    const src = this.mapLocation(a, yamlUri, r.source.uri, r.source.range) ?? { uri: r.source.uri, range: r.source.range };
    return {
      ...r,
      source: { ...r.source, uri: src.uri, range: src.range },
      steps: r.steps.map((s) => {
        if (!s.uri || !s.range) return s;
        const m = this.mapLocation(a, yamlUri, s.uri, s.range);
        return m ? { ...s, uri: m.uri, range: m.range } : s;
      }),
    };
  }

  codeLenses(doc: TextDocument): CodeLens[] {
    const a = this.analysis(doc);
    if (!a) return [];
    const out: CodeLens[] = [];
    for (const e of a.embeds) {
      const ctx = this.context(e);
      if (!ctx || !e.text.mapped) continue;
      for (const lens of routeCodeLenses(ctx)) {
        const range = e.text.toYamlRange(lens.range);
        out.push({ ...lens, range, command: lens.command && { ...lens.command, arguments: [doc.uri, range.start] } });
      }
    }
    return out;
  }

  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    const a = this.analysis(doc);
    if (!a) return [];
    // routing fixes already carry YAML positions
    const out = routingCodeActions(range, diagnostics);
    for (const e of a.embeds) {
      const inner = e.text.fromYamlRange(range);
      if (!inner || !e.text.containsLine(range.start.line)) continue;
      const mine = diagnostics.flatMap((d) => {
        if (d.code === 'unmatched-source' || !e.text.containsLine(d.range.start.line)) return [];
        const r = e.text.fromYamlRange(d.range);
        return r ? [{ ...d, range: r }] : [];
      });
      if (!mine.length) continue;
      for (const action of this.service.codeActions(e.doc, inner, mine)) {
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
}
