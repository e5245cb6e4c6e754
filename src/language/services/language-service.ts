// What a language service answers about one kind of document: a fluent.conf file, or a
// Kubernetes YAML file whose ConfigMaps hold fluent.conf keys. The router (../service.ts)
// picks one service per document; each answers in the document's own positions.
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
import type { EventRoute } from '../routing/event-route';
import type { Diagnostic, Position } from '../types';

export interface LanguageService {
  /** Syntax, check and whole-config findings in the service's own shape (the CLI prints these). */
  diagnostics(doc: TextDocument): Diagnostic[];
  documentSymbols(doc: TextDocument): DocumentSymbol[];
  foldingRanges(doc: TextDocument): FoldingRange[];
  definition(doc: TextDocument, pos: Position): Location[];
  /** Links on @include paths to the files they read. */
  documentLinks(doc: TextDocument): DocumentLink[];
  /** The filters and match the events of each <source> in the document pass through (or of the one at `pos`). */
  eventRoutes(doc: TextDocument, pos?: Position): EventRoute[];
  /** "→ 2 filters → match cloudwatch_logs" above each <source>. */
  codeLenses(doc: TextDocument): CodeLens[];
  /** Canonical layout; nothing for a file with syntax errors. */
  format(doc: TextDocument, options?: FormattingOptions, range?: LspRange): TextEdit[];
  /** Element names, plugins, parameters and values that fit at the position. */
  completion(doc: TextDocument, pos: Position): CompletionList;
  /** What the parameter, value, plugin or element at the position means to Fluentd. */
  hover(doc: TextDocument, pos: Position): Hover | null;
  /** Quick fixes for the given diagnostics (as the client sends them back) that touch `range`. */
  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[];
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}
