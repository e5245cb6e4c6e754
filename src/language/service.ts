// The language service facade: a document (and a position) in, LSP types out. The
// LSP server and the CLI both call this; neither knows about the parser or checks.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  type DocumentSymbol,
  type FoldingRange,
  type CodeAction,
  type CodeLens,
  type DocumentLink,
  type CompletionList,
  type FormattingOptions,
  type Hover,
  type Location,
  type Range as LspRange,
  type TextEdit,
} from 'vscode-languageserver-types';
import { defaultCatalog, type Catalog } from './catalog';
import { defaultChecks, type Check } from './checks';
import { definition } from './definition';
import type { FileSystem } from './file-system';
import { foldingRanges } from './folding';
import { codeActions } from './code-actions';
import { completion } from './completion';
import { formatEdits } from './format';
import { hover } from './hover';
import { parse, type ParseResult } from './parser';
import { documentSymbols } from './symbols';
import { definitionAt, documentLinks, withIncludedFiles } from './includes/features';
import { WholeConfig, type DocumentContext, type DocumentEnvironment } from './includes/whole-config';
import type { EventRoute } from './routing/event-route';
import { eventRoutesOf, routeCodeLenses, routingCodeActions } from './routing/features';
import { isYamlDocument, YamlSupport } from './yaml/yaml-support';
import { tryLogLinesLenses } from './simulate/playground/code-lenses';
import { ConfigTestService } from './config-tests/service';
import { ConfigTestFeatures, isConfigTestDocument } from './features/config-tests';
import type { Diagnostic, Position, Severity } from './types';

export interface LanguageServiceOptions {
  /** File access for @include; without it includes are not followed. */
  fileSystem?: FileSystem;
  /** Checks run after parsing; defaults to every built-in check. */
  checks?: Check[];
  /** Plugin catalogue; defaults to the bundled one (see loadCatalogFiles for `fluentd.catalogs`). */
  catalog?: Catalog;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class FluentdLanguageService {
  private readonly cache = new Map<string, { version: number; text: string; parsed: ParseResult }>();
  private readonly checks: Check[];
  readonly fileSystem: FileSystem | undefined;
  readonly catalog: Catalog;
  /** The config tree a document belongs to (@include graph, roots, routing). */
  readonly whole: WholeConfig;
  /** fluent.conf in ConfigMap `data` keys of Kubernetes YAML: every method answers YAML documents through it. */
  readonly yaml: YamlSupport;
  /** Config test files (*.fluent-test.yaml): YAML too, answered before the ConfigMap support. */
  readonly configTests: ConfigTestFeatures;

  constructor(options: LanguageServiceOptions = {}) {
    this.fileSystem = options.fileSystem;
    this.catalog = options.catalog ?? defaultCatalog();
    this.checks = options.checks ?? defaultChecks;
    this.yaml = new YamlSupport(this, this.fileSystem);
    this.whole = new WholeConfig(this.fileSystem, () => this.openDocuments());
    this.configTests = new ConfigTestFeatures(new ConfigTestService(this.fileSystem, () => this.openDocuments()));
  }

  /** The fluent.conf documents the service has seen open (their text wins over the disk). */
  openDocuments(): { uri: string; text: string; parsed: ParseResult }[] {
    return [...this.cache].map(([uri, c]) => ({ uri, text: c.text, parsed: c.parsed }));
  }

  /** The document in its whole config (root, included files); undefined if that fails. `env`: a ConfigMap key's virtual files. */
  context(doc: TextDocument, env?: DocumentEnvironment): DocumentContext | undefined {
    try {
      return this.whole.contextFor(doc, this.parse(doc), env);
    } catch {
      return undefined; // per-file checks still run
    }
  }

  /** The parse of a document, cached per URI and version. */
  parse(doc: TextDocument): ParseResult {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text.length === doc.getText().length) return hit.parsed;
    const text = doc.getText();
    const parsed = parse(text);
    this.cache.set(doc.uri, { version: doc.version, text, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.configTests.forget(uri);
    this.yaml.forget(uri);
    this.cache.delete(uri);
  }

  /** Syntax and check findings, in the service's own shape (the CLI prints these). */
  diagnostics(doc: TextDocument, env?: DocumentEnvironment): Diagnostic[] {
    if (isConfigTestDocument(doc)) return this.configTests.diagnostics(doc);
    if (isYamlDocument(doc)) return this.yaml.diagnostics(doc);
    const parsed = this.parse(doc);
    const out = [...parsed.diagnostics];
    const whole = this.context(doc, env);
    for (const check of [...this.checks, () => (whole ? this.whole.diagnostics(whole) : [])]) {
      try {
        out.push(...check({ document: doc, parsed, catalog: this.catalog, tree: whole?.tree }));
      } catch (err) {
        // a bug in one check must not take the others (or the server) down
        out.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 'information',
          code: 'internal-error',
          message: `A check failed on this file (please report): ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    return out;
  }

  /** Diagnostics for the editor: at most MAX_EDITOR_DIAGNOSTICS, errors first (the CLI gets them all). */
  validate(doc: TextDocument): LspDiagnostic[] {
    return capForEditor(this.diagnostics(doc)).map((d) => toLspDiagnostic(d, doc.uri));
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    if (isYamlDocument(doc)) return this.yaml.documentSymbols();
    const symbols = documentSymbols(this.parse(doc).document.children);
    const whole = this.context(doc);
    return whole ? withIncludedFiles(symbols, whole) : symbols;
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    if (isYamlDocument(doc)) return this.yaml.foldingRanges();
    const { document } = this.parse(doc);
    return foldingRanges(document.children, document.comments);
  }

  definition(doc: TextDocument, pos: Position): Location[] {
    if (isConfigTestDocument(doc)) return this.configTests.definition(doc, pos);
    if (isYamlDocument(doc)) return this.yaml.definition(doc, pos);
    const whole = this.context(doc);
    return (whole && definitionAt(whole, pos)) ?? definition(doc.uri, this.parse(doc), pos, this.fileSystem);
  }

  /** Links on @include paths to the files they read. */
  documentLinks(doc: TextDocument): DocumentLink[] {
    if (isYamlDocument(doc)) return this.yaml.documentLinks(doc);
    const whole = this.context(doc);
    return whole ? documentLinks(whole) : [];
  }

  /** The filters and match the events of each <source> in the document pass through (or of the one at `pos`). */
  eventRoutes(doc: TextDocument, pos?: Position): EventRoute[] {
    if (isYamlDocument(doc)) return this.yaml.eventRoutes(doc, pos);
    const whole = this.context(doc);
    return whole ? eventRoutesOf(whole, pos) : [];
  }

  /** "→ 2 filters → match cloudwatch_logs" above each <source>. */
  codeLenses(doc: TextDocument): CodeLens[] {
    if (isYamlDocument(doc)) return this.yaml.codeLenses(doc);
    const whole = this.context(doc);
    return [...(whole ? routeCodeLenses(whole) : []), ...tryLogLinesLenses(this.parse(doc).document, doc.uri)];
  }

  /**
   * Canonical layout (two spaces per depth, no trailing blanks); nothing for a file
   * with syntax errors. The layout is fixed, so the editor's tab options are ignored.
   */
  format(doc: TextDocument, _options?: FormattingOptions, range?: LspRange): TextEdit[] {
    if (isYamlDocument(doc)) return this.yaml.format(doc, _options, range);
    return formatEdits(doc.getText(), this.parse(doc), range);
  }

  /** Element names, plugins, parameters and values that fit at the position. */
  completion(doc: TextDocument, pos: Position): CompletionList {
    if (isConfigTestDocument(doc)) return this.configTests.completion(doc, pos);
    if (isYamlDocument(doc)) return this.yaml.completion(doc, pos);
    // a version not parsed yet (a request typed right after an edit): completion
    // parses only the element around the cursor; names defined elsewhere in the
    // file come from the last parse, even of an earlier version
    const hit = this.cache.get(doc.uri);
    const current = hit && hit.version === doc.version && hit.text === doc.getText() ? hit.parsed : undefined;
    return completion(doc.getText(), current, pos, this.catalog, () => hit?.parsed ?? this.parse(doc));
  }

  /** What the parameter, value, plugin or element at the position means to Fluentd. */
  hover(doc: TextDocument, pos: Position): Hover | null {
    if (isConfigTestDocument(doc)) return this.configTests.hover(doc, pos);
    if (isYamlDocument(doc)) return this.yaml.hover(doc, pos);
    return hover(this.parse(doc), pos, this.catalog);
  }

  /** Quick fixes for the given diagnostics (as the client sends them back) that touch `range`. */
  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    if (isYamlDocument(doc)) return this.yaml.codeActions(doc, range, diagnostics);
    return [
      ...codeActions(doc.uri, doc.getText(), this.parse(doc), range, diagnostics, this.catalog),
      ...routingCodeActions(range, diagnostics),
    ];
  }
}

/** A garbage file can produce 100,000 findings; past this many an editor only slows down. */
export const MAX_EDITOR_DIAGNOSTICS = 1000;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function capForEditor(all: Diagnostic[]): Diagnostic[] {
  if (all.length <= MAX_EDITOR_DIAGNOSTICS) return all;
  const kept = [...all].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, MAX_EDITOR_DIAGNOSTICS);
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'information',
    code: 'too-many-diagnostics',
    message: `${all.length - MAX_EDITOR_DIAGNOSTICS} more findings are not shown (${all.length} in all); fluentd-lint lists every one.`,
  });
  return kept;
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out = LspDiagnostic.create(d.range, d.message, SEVERITY[d.severity], d.code, 'fluentd');
  if (d.data !== undefined) out.data = d.data;
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  }
  return out;
}
