// The whole-config layer, above includes/ and routing/: a document in the context of the
// whole config it belongs to (the root that includes it, or itself, and the tree Fluentd
// reads from there), and the findings that need that tree — @include patterns matching
// nothing, include cycles, and the routing analysis — each reported in the file it points at.
import { homedir, tmpdir } from 'node:os';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystem } from '../file-system';
import type { ParseResult } from '../parser';
import type { Diagnostic } from '../types';
import { uriToPath } from '../uri';
import { analyzeRouting, type RoutingFinding } from '../routing/analyze';
import { DiskHost, ParseCache, SourceFiles, type ConfigHost, type OpenDocument, type SourceFile } from '../includes/host';
import { resolveInclude } from '../includes/resolve';
import { includes } from '../walk';
import { findRoots } from '../includes/roots';
import { buildTree, DEFAULT_LIMITS, type ConfigTree, type TreeMemo } from '../includes/tree';
import { Memo } from '../memo';

/** A number per object (a parse), for cache keys: the same parse, the same text. */
const ids = new Memo<object, number>('id');
let nextId = 0;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++nextId));
  return id;
}

/** How long a context is reused for the same document version (see WholeConfig.recent). */
const REUSE_MS = 1000;

/** The home and temp directories hold unrelated files: the search for a root stops below them. */
const STOP_AT = [homedir(), tmpdir()].map((d) => d.replace(/\\/g, '/').replace(/\/+$/, '')).filter(Boolean);

/** Where a document's includes resolve when it is not a file on disk (a ConfigMap key). */
export interface DocumentEnvironment {
  host: ConfigHost;
  /** The document's own (virtual) path in that host. */
  path: string;
}

export interface DocumentContext {
  self: SourceFile;
  /** The config tree the document is part of (rooted at the document itself when nothing includes it). */
  tree: ConfigTree;
  host: ConfigHost | undefined;
  /** Other roots that include the document too (the tree uses the first). */
  otherRoots: string[];
}

export class WholeConfig {
  private readonly parseCache = new ParseCache();
  /** Files keep their SourceFile object across versions, so trees can keep the items of unchanged nodes. */
  private readonly files = new SourceFiles();
  private readonly treeMemo: TreeMemo = new Memo('tree item');
  /**
   * Contexts of recent document versions: right after an edit the editor asks for
   * diagnostics, code lenses, links and the outline of the same version; within a
   * moment the files around it are taken as unchanged.
   */
  private readonly recent = new Map<string, { key: string; at: number; ctx: DocumentContext }>();
  /** The routing findings of the last tree: the files of one config are checked one after another. */
  private routingMemo: { key: string; uris: Set<string>; findings: RoutingFinding[] } | undefined;

  constructor(
    private readonly fileSystem: FileSystem | undefined,
    /** Documents open in the editor: their text wins over the disk. */
    private readonly openDocuments: () => Iterable<OpenDocument>,
  ) {}

  /**
   * A document was closed: its text and parse must not outlive it here (a long-lived server
   * opens thousands): the recent contexts whose tree holds it, its SourceFile, the routing memo.
   */
  forget(uri: string): void {
    for (const [k, r] of this.recent) if (k === uri || r.ctx.tree.files.some((f) => f.uri === uri)) this.recent.delete(k);
    this.files.forget(uri);
    if (this.routingMemo?.uris.has(uri)) this.routingMemo = undefined;
  }

  contextFor(doc: TextDocument, parsed: ParseResult, env?: DocumentEnvironment): DocumentContext {
    if (env) return this.build(doc, parsed, env);
    const open = [...this.openDocuments()];
    // an open document's parse is new with each of its versions
    const key = `${doc.version}\u0000${open.map((o) => `${o.uri}\u0000${o.parsed ? idOf(o.parsed) : o.text.length}`).join('\u0001')}`;
    const hit = this.recent.get(doc.uri);
    const now = Date.now();
    if (hit && hit.key === key && hit.ctx.self.parsed === parsed && now - hit.at < REUSE_MS) return hit.ctx;
    const ctx = this.build(doc, parsed, undefined, open);
    if (this.recent.size >= 32) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(doc.uri, { key, at: now, ctx });
    return ctx;
  }

  private build(
    doc: TextDocument,
    parsed: ParseResult,
    env: DocumentEnvironment | undefined,
    openDocs: OpenDocument[] = [],
  ): DocumentContext {
    const text = doc.getText();
    const path = env?.path ?? uriToPath(doc.uri)?.replace(/\\/g, '/');
    const selfPath = path ?? `/untitled/${encodeURIComponent(doc.uri)}`;
    // a ConfigMap key's virtual file is new with each version of its YAML document
    const self: SourceFile = env ? { path: selfPath, uri: doc.uri, text, parsed } : this.files.get(selfPath, doc.uri, text, parsed);
    let host = env?.host;
    if (!host && this.fileSystem && path) {
      const open = new Map<string, OpenDocument>();
      for (const o of openDocs) {
        const p = uriToPath(o.uri)?.replace(/\\/g, '/');
        if (p && (p.endsWith('.conf') || o.uri === doc.uri)) open.set(p, o);
      }
      open.set(path, { uri: doc.uri, text, parsed });
      host = new DiskHost(this.fileSystem, open, this.parseCache, STOP_AT, this.files);
    }
    let root: SourceFile | undefined;
    let otherRoots: string[] = [];
    if (host && path) {
      const roots = findRoots(path, host);
      for (const r of roots) {
        root = host.file(r);
        if (root) break;
      }
      otherRoots = roots.slice(1);
    }
    return { self, tree: buildTree(root ?? self, host, DEFAULT_LIMITS, env ? undefined : this.treeMemo), host, otherRoots };
  }

  /** Findings about the document that need the whole config. */
  diagnostics(ctx: DocumentContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const { self, tree, host } = ctx;
    if (host) {
      for (const inc of includes(self.parsed.document.children)) {
        const r = resolveInclude(self, inc, host);
        if (r.kind === 'unknown' && r.limit) {
          out.push({
            range: inc.pathRange,
            severity: 'warning',
            code: 'include-limit',
            message: `This @include is not followed here: ${r.reason}. The config is checked without the files it names.`,
          });
          continue;
        }
        if (r.kind !== 'nothing') continue;
        out.push({
          range: inc.pathRange,
          severity: 'warning',
          code: 'include-matches-nothing',
          message: `No file matches ${inc.path.includes('#{') ? r.pattern : inc.path} (${r.pattern}): Fluentd skips this @include without a word.`,
          data: { pattern: r.pattern },
        });
      }
    }
    const seen = new Set<string>();
    const mine = (f: SourceFile, d: Diagnostic) => {
      if (f.path !== self.path) return;
      const key = `${d.code}@${d.range.start.line}:${d.range.start.character}`;
      if (seen.has(key)) return; // a fragment included twice reports once
      seen.add(key);
      out.push(d);
    };
    for (const f of tree.findings) mine(f.file, f.diagnostic);
    for (const f of this.routing(tree)) mine(f.file, f.diagnostic);
    return out;
  }

  private routing(tree: ConfigTree): RoutingFinding[] {
    // a parse belongs to one text: the same parses are the same tree (hashing the texts
    // instead cost a pass over every character on each check)
    const key = tree.files.map((f) => `${f.path}\u0000${f.uri}\u0000${idOf(f.parsed)}`).join('\u0001');
    if (this.routingMemo?.key === key) return this.routingMemo.findings;
    const findings = analyzeRouting(tree);
    this.routingMemo = { key, uris: new Set(tree.files.map((f) => f.uri)), findings };
    return findings;
  }
}
