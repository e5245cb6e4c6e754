// The language service: one door for the LSP server, the CLI and the deploy gate. A small
// router picks the service of each document's kind (config test file, ConfigMap YAML or
// fluent.conf), the way html-language-features picks a language mode, and passes the request through.
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
import type { Catalog } from './catalog';
import { diagnosticsForEditor } from './features/diagnostics';
import type { EventRoute } from './routing/event-route';
import { isConfigTestPath } from './config-tests/protocol';
import { ConfigTestService as ConfigTests } from './config-tests/service';
import { ConfigMapService } from './services/config-map-service';
import { ConfigTestService } from './services/config-test-service';
import { FluentConfService, type LanguageServiceOptions } from './services/fluent-conf-service';
import type { LanguageService } from './services/language-service';
import type { Diagnostic, Position } from './types';
import { isYamlDocument } from './yaml/config-map-documents';

export type { LanguageServiceOptions } from './services/fluent-conf-service';

export class FluentdLanguageService implements LanguageService {
  /** fluent.conf documents (and, through the ConfigMap service, each ConfigMap key). */
  readonly fluentConf: FluentConfService;
  /** Kubernetes YAML whose ConfigMaps hold fluent.conf keys. */
  readonly configMap: ConfigMapService;
  /** Config test files (*.fluent-test.yaml): YAML too, answered before the ConfigMap service. */
  readonly configTests: ConfigTestService;

  constructor(options: LanguageServiceOptions = {}) {
    this.fluentConf = new FluentConfService(options);
    this.configMap = new ConfigMapService(this.fluentConf, options.fileSystem);
    this.configTests = new ConfigTestService(new ConfigTests(options.fileSystem, () => this.fluentConf.openDocuments()));
  }

  get catalog(): Catalog {
    return this.fluentConf.catalog;
  }

  /** The service that answers for a document. */
  serviceFor(doc: TextDocument): LanguageService {
    if (isConfigTestPath(doc.uri)) return this.configTests;
    return isYamlDocument(doc) ? this.configMap : this.fluentConf;
  }

  forget(uri: string): void {
    this.configTests.forget(uri);
    this.configMap.forget(uri);
    this.fluentConf.forget(uri);
  }

  diagnostics(doc: TextDocument): Diagnostic[] {
    return this.serviceFor(doc).diagnostics(doc);
  }

  /** Diagnostics for the editor: at most MAX_EDITOR_DIAGNOSTICS, errors first (the CLI gets them all). */
  validate(doc: TextDocument): LspDiagnostic[] {
    return diagnosticsForEditor(this.diagnostics(doc), doc.uri);
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    return this.serviceFor(doc).documentSymbols(doc);
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    return this.serviceFor(doc).foldingRanges(doc);
  }

  definition(doc: TextDocument, pos: Position): Location[] {
    return this.serviceFor(doc).definition(doc, pos);
  }

  documentLinks(doc: TextDocument): DocumentLink[] {
    return this.serviceFor(doc).documentLinks(doc);
  }

  eventRoutes(doc: TextDocument, pos?: Position): EventRoute[] {
    return this.serviceFor(doc).eventRoutes(doc, pos);
  }

  codeLenses(doc: TextDocument): CodeLens[] {
    return this.serviceFor(doc).codeLenses(doc);
  }

  format(doc: TextDocument, options?: FormattingOptions, range?: LspRange): TextEdit[] {
    return this.serviceFor(doc).format(doc, options, range);
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    return this.serviceFor(doc).completion(doc, pos);
  }

  hover(doc: TextDocument, pos: Position): Hover | null {
    return this.serviceFor(doc).hover(doc, pos);
  }

  codeActions(doc: TextDocument, range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    return this.serviceFor(doc).codeActions(doc, range, diagnostics);
  }
}
