// The fluent.conf documents inside Kubernetes YAML: every ConfigMap `data` key ending in
// `.conf` becomes a virtual fluent.conf document of its own, in a ConfigMapHost that
// serves the keys of its ConfigMap as the files of one directory. Workloads that mount
// the ConfigMap (same file, or YAML next to it) give the ENV cross-check. Plain facts
// and position mapping only; the ConfigMap service turns them into editor answers.
import { posix } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as TextDocumentImpl } from 'vscode-languageserver-textdocument';
import type { FileSystem } from '../file-system';
import { globOrNothing } from '../glob';
import type { DocumentEnvironment } from '../whole-config/whole-config';
import { LineIndex } from '../parser/line-index';
import type { ParseResult } from '../parser';
import type { PatternFix } from '../routing/pattern-fixes';
import type { EventRoute } from '../routing/event-route';
import type { Diagnostic, Position, Range } from '../types';
import { uriToPath } from '../uri';
import { ConfigMapHost } from './config-map-host';
import { EmbeddedText } from './embedded';
import { mayHoldFluentdConfigMap, mayHoldWorkload, readManifests, type ConfigMapInfo, type WorkloadInfo } from './manifests';
import { BoundedCache } from '../bounded-cache';
import { MAX_CACHED_CHARS } from '../includes/host';

/** A YAML document: by language, else by extension (the keys' own documents are `fluentd`). */
export function isYamlDocument(doc: { uri: string; languageId: string }): boolean {
  return doc.languageId === 'yaml' || (doc.languageId !== 'fluentd' && /\.ya?ml$/i.test(doc.uri.replace(/[?#].*$/, '')));
}

/** One .conf key of a ConfigMap, ready for the fluent.conf service. */
export interface Embed {
  text: EmbeddedText;
  /** The virtual document the service sees (a URI of its own, the YAML document's version). */
  doc: TextDocument;
  /** Its path in the ConfigMap's virtual directory. */
  path: string;
  host: ConfigMapHost;
  configMap: ConfigMapInfo;
}

/** Where the key's includes resolve: the other keys of its ConfigMap. */
export function environmentOf(e: Embed): DocumentEnvironment {
  return { host: e.host, path: e.path };
}

/** What the ConfigMap documents need of the fluent.conf service. */
export interface ParseOwner {
  parse(doc: TextDocument): ParseResult;
  forget(uri: string): void;
}

/** A YAML document with its ConfigMaps' .conf keys. */
export class ConfigMapDocument {
  readonly embeds: Embed[] = [];

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly lines: LineIndex,
    /** YAML syntax errors, at YAML positions. */
    readonly errors: Diagnostic[],
    readonly workloads: WorkloadInfo[],
  ) {}

  /** The .conf key under a YAML position, with the position inside it. */
  at(pos: Position): { embed: Embed; pos: Position } | undefined {
    for (const embed of this.embeds) {
      const p = embed.text.fromYaml(pos);
      if (p) return { embed, pos: p };
    }
    return undefined;
  }

  /** The key whose virtual document has this URI. */
  embedOf(uri: string): Embed | undefined {
    return this.embeds.find((x) => x.doc.uri === uri);
  }

  /** A virtual URI of this document's keys → this YAML document and the range mapped into it. */
  mapLocation(uri: string, range: Range): { uri: string; range: Range } | undefined {
    const e = this.embedOf(uri);
    if (!e) return uri.startsWith(`${this.uri}#`) ? undefined : { uri, range };
    return { uri: this.uri, range: e.text.toYamlRange(range) };
  }

  /** A finding of one key at YAML positions (with the key named when positions cannot be mapped). */
  mapDiagnostic(e: Embed, d: Diagnostic): Diagnostic {
    const mapped: Diagnostic = { ...d, range: e.text.toYamlRange(d.range) };
    if (!e.text.mapped)
      mapped.message = `${e.configMap.name ? `${e.configMap.name}/` : ''}${e.text.conf.key} line ${d.range.start.line + 1}: ${d.message}`;
    if (d.related) {
      mapped.related = d.related.flatMap((r) => {
        const loc = this.mapLocation(r.uri ?? e.doc.uri, r.range);
        return loc ? [{ ...r, uri: loc.uri, range: loc.range }] : [];
      });
    }
    const fixes = (d.data as { fixes?: PatternFix[] } | undefined)?.fixes;
    if (Array.isArray(fixes)) {
      // a routing fix edits <match>/<filter> arguments: only where every edit maps exactly
      const ok = fixes.flatMap((f) => {
        const edit = this.mapEdit(f);
        if (!edit) return [];
        const filters = f.filters?.map((x) => this.mapEdit(x));
        if (filters?.some((x) => !x)) return [{ ...edit, filters: undefined }];
        return [{ ...edit, ...(filters ? { filters: filters as NonNullable<PatternFix['filters']> } : {}) }];
      });
      mapped.data = { ...(d.data as object), fixes: ok };
    }
    return mapped;
  }

  /** A pattern edit of some key, at YAML positions in this document. */
  private mapEdit<T extends { uri: string; range: Range; newText: string }>(f: T): T | undefined {
    const edit = this.embedOf(f.uri)?.text.toYamlEdit(f.range, f.newText);
    return edit ? { ...f, uri: this.uri, range: edit.range, newText: edit.newText } : undefined;
  }

  /** An event route of a key with its source and steps at YAML positions. */
  mapRoute(r: EventRoute): EventRoute {
    const src = this.mapLocation(r.source.uri, r.source.range) ?? { uri: r.source.uri, range: r.source.range };
    return {
      ...r,
      source: { ...r.source, uri: src.uri, range: src.range },
      steps: r.steps.map((s) => {
        if (!s.uri || !s.range) return s;
        const m = this.mapLocation(s.uri, s.range);
        return m ? { ...s, uri: m.uri, range: m.range } : s;
      }),
    };
  }
}

/** Cap on YAML files read next to a ConfigMap for the workloads that mount it. */
const MAX_NEIGHBOURS = 50;

/** The ConfigMap documents of open YAML files, cached per version. */
export class ConfigMapDocuments {
  private readonly cache = new Map<string, ConfigMapDocument>();
  /** Workloads read from YAML files beside open ones, by path (bounded: a server lives through many folders). */
  private readonly neighbours = new BoundedCache<string, { text: string; workloads: WorkloadInfo[] }>(
    MAX_NEIGHBOURS * 8,
    MAX_CACHED_CHARS,
    (n) => n.text.length,
  );

  constructor(
    private readonly fluent: ParseOwner,
    private readonly fileSystem: FileSystem | undefined,
  ) {}

  forget(uri: string): void {
    const a = this.cache.get(uri);
    if (a) for (const e of a.embeds) this.fluent.forget(e.doc.uri);
    this.cache.delete(uri);
  }

  /** The ConfigMaps of a YAML document; undefined (cheaply) when it holds none with .conf keys. */
  get(doc: TextDocument): ConfigMapDocument | undefined {
    const text = doc.getText();
    if (!mayHoldFluentdConfigMap(text)) return undefined;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit;
    if (hit) for (const e of hit.embeds) this.fluent.forget(e.doc.uri);
    const lines = new LineIndex(text);
    const manifests = readManifests(text);
    if (!manifests.configMaps.length && !manifests.errors.length) return undefined;
    const analysis = new ConfigMapDocument(doc.uri, doc.version, text, lines, manifests.errors, manifests.workloads);
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
        host.files.set(path, { path, uri: vdoc.uri, text: conf.text, parsed: this.fluent.parse(vdoc) });
        analysis.embeds.push(embed);
      }
    }
    this.cache.set(doc.uri, analysis);
    return analysis;
  }

  /** Workloads mounting the ConfigMap: in this file, then in YAML files next to it. */
  workloadsFor(doc: TextDocument, cm: ConfigMapInfo, own: WorkloadInfo[]): WorkloadInfo[] {
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
}
