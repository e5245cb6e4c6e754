// The language service of a fluent.conf document: parses it (cached per version), runs the
// checks and the whole-config analysis, and answers every feature. A ConfigMap key is a
// fluent.conf document too: the ConfigMap service passes its environment (the other keys
// as files of one directory) where includes and the config tree matter.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic as LspDiagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  Range as LspRange,
  TextEdit,
} from 'vscode-languageserver-types';
import { defaultCatalog, type Catalog } from '../catalog';
import { CheckRunner, defaultChecks, internalError, perNodeChecks, type Check } from '../checks';
import { codeActions, routingCodeActions } from '../features/code-actions';
import { routeCodeLenses } from '../features/code-lenses';
import { tryLogLinesLenses } from '../simulate/playground/code-lenses';
import { completion } from '../features/completion';
import { definition, definitionAt } from '../features/definition';
import { documentLinks } from '../features/document-links';
import { foldingRanges } from '../features/folding';
import { formattingEdits } from '../features/formatting';
import { hover } from '../features/hover';
import { withExplanations } from '../features/finding-hover';
import { documentSymbols, withIncludedFiles } from '../features/symbols';
import type { FileSystem } from '../file-system';
import { parse, reparse, type ParseResult } from '../parser';
import type { EventRoute } from '../routing/event-route';
import type { Diagnostic, Position } from '../types';
import { eventRoutesOf } from '../whole-config/event-routes';
import { WholeConfig, type DocumentContext, type DocumentEnvironment } from '../whole-config/whole-config';
import type { LanguageService } from './language-service';

export interface LanguageServiceOptions {
  /** File access for @include; without it includes are not followed. */
  fileSystem?: FileSystem;
  /** Checks run after parsing; defaults to every built-in check. */
  checks?: Check[];
  /** Plugin catalogue; defaults to the bundled one (see loadCatalogFiles for `fluentd.catalogs`). */
  catalog?: Catalog;
}

export class FluentConfService implements LanguageService {
  private readonly cache = new Map<string, { version: number; text: string; parsed: ParseResult }>();
  private readonly checks: CheckRunner;
  readonly fileSystem: FileSystem | undefined;
  readonly catalog: Catalog;
  /** The config tree a document belongs to (@include graph, roots, routing). */
  readonly whole: WholeConfig;

  constructor(options: LanguageServiceOptions = {}) {
    this.fileSystem = options.fileSystem;
    this.catalog = options.catalog ?? defaultCatalog();
    this.checks = new CheckRunner(options.checks ?? defaultChecks, perNodeChecks);
    this.whole = new WholeConfig(this.fileSystem, () => this.openDocuments());
  }

  /** The documents parsed while open (their text wins over the disk for includes and config tests). */
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

  /**
   * The parse of a document, cached per URI and version. A new version is parsed from the
   * previous one (reparse): only the top-level elements the edit touched are parsed again,
   * the others are taken over; the previous parse is not handed out any more.
   */
  parse(doc: TextDocument): ParseResult {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text.length === doc.getText().length) return hit.parsed;
    const text = doc.getText();
    const parsed = hit ? reparse(hit.parsed, text) : parse(text);
    this.cache.set(doc.uri, { version: doc.version, text, parsed });
    return parsed;
  }

  /** The document was closed: nothing of it is kept (its parse, its contexts, its routing findings). */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.whole.forget(uri);
  }

  diagnostics(doc: TextDocument, env?: DocumentEnvironment): Diagnostic[] {
    const parsed = this.parse(doc);
    const whole = this.context(doc, env);
    const out = [...parsed.diagnostics, ...this.checks.run({ document: doc, parsed, catalog: this.catalog, tree: whole?.tree })];
    try {
      if (whole) out.push(...this.whole.diagnostics(whole));
    } catch (err) {
      // a bug in the whole-config analysis must not take the checks (or the server) down
      out.push(internalError(err));
    }
    return out;
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    const symbols = documentSymbols(this.parse(doc).document.children);
    const whole = this.context(doc);
    return whole ? withIncludedFiles(symbols, whole) : symbols;
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    const { document } = this.parse(doc);
    return foldingRanges(document.children, document.comments);
  }

  /** Across the config first; a file on disk falls back to its own labels and a glob of its includes. */
  definition(doc: TextDocument, pos: Position, env?: DocumentEnvironment): Location[] {
    const whole = this.context(doc, env);
    const found = whole && definitionAt(whole, pos);
    if (found) return found;
    // a ConfigMap key has no file of its own to resolve includes against
    return env ? [] : definition(doc.uri, this.parse(doc), pos, this.fileSystem);
  }

  documentLinks(doc: TextDocument, env?: DocumentEnvironment): DocumentLink[] {
    const whole = this.context(doc, env);
    return whole ? documentLinks(whole) : [];
  }

  eventRoutes(doc: TextDocument, pos?: Position, env?: DocumentEnvironment): EventRoute[] {
    const whole = this.context(doc, env);
    return whole ? eventRoutesOf(whole, pos) : [];
  }

  codeLenses(doc: TextDocument, env?: DocumentEnvironment): CodeLens[] {
    const whole = this.context(doc, env);
    const routes = whole ? routeCodeLenses(whole) : [];
    // in a ConfigMap key too: the ConfigMap service moves the lenses (and their arguments) to the YAML
    return [...routes, ...tryLogLinesLenses(this.parse(doc).document, doc.uri)];
  }

  /** The layout is fixed (two spaces per depth), so the editor's tab options are ignored. */
  format(doc: TextDocument, _options?: FormattingOptions, range?: LspRange): TextEdit[] {
    return formattingEdits(doc.getText(), this.parse(doc), range);
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    // a version not parsed yet (a request typed right after an edit): completion
    // parses only the element around the cursor; names defined elsewhere in the
    // file come from the last parse, even of an earlier version
    const hit = this.cache.get(doc.uri);
    const current = hit && hit.version === doc.version && hit.text === doc.getText() ? hit.parsed : undefined;
    return completion(doc.getText(), current, pos, this.catalog, () => hit?.parsed ?? this.parse(doc));
  }

  /** `env`: a ConfigMap key's virtual files (for the whole-config findings it explains). */
  hover(doc: TextDocument, pos: Position, env?: DocumentEnvironment): Hover | null {
    const base = hover(this.parse(doc), pos, this.catalog);
    const whole = this.context(doc, env);
    return whole ? withExplanations(base, this.whole.diagnostics(whole), pos) : base;
  }

  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    return [
      ...codeActions(doc.uri, doc.getText(), this.parse(doc), range, diagnostics, this.catalog),
      ...routingCodeActions(range, diagnostics),
    ];
  }
}
