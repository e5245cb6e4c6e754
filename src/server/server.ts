// LSP plumbing only: wires vscode-languageserver handlers to the language service.
// Every handler is guarded: a bug in a feature logs an error and answers empty,
// it never takes the server down.
import {
  BulkRegistration,
  CodeActionKind,
  type Connection,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystem } from '../language/file-system';
import { loadCatalogFiles } from '../language/catalog/load';
import { defaultChecks } from '../language/checks';
import { imagePluginCheck } from '../language/checks/image-plugins';
import { FluentdLanguageService } from '../language/service';
import { uriToPath } from '../language/uri';
import { EVENT_ROUTE_REQUEST, type EventRouteParams } from '../language/routing/protocol';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { registerSimulateRequests } from './simulate-requests';
import { isConfigTestPath } from '../language/config-tests';
import { homedir } from 'node:os';
import { readSettings, resolveSettingPath, type ServerSettings } from './settings';

export interface ServerOptions {
  fileSystem?: FileSystem;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let service = new FluentdLanguageService({ fileSystem: options.fileSystem });
  let settings: ServerSettings = readSettings(undefined);

  const guard =
    <P, R>(name: string, empty: R, fn: (params: P) => R) =>
    (params: P): R => {
      try {
        return fn(params);
      } catch (err) {
        connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return empty;
      }
    };

  const scheduler = new DiagnosticsScheduler({
    delayMs: () => settings.debounceMs,
    current: (uri) => documents.get(uri),
    publish: (doc) => {
      const diagnostics = guard('validate', [], () => service.validate(doc))(undefined);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    },
  });

  let workspaceRoot: string | undefined;
  let catalogsInUse = '';
  /** A new service when the extra catalogue files or the deploy image change; catalogue problems are shown once. */
  const applyCatalogs = (): boolean => {
    const paths = settings.catalogs.map((p) => resolveSettingPath(p, workspaceRoot, homedir()));
    const key = JSON.stringify([paths, settings.deployImage]);
    if (key === catalogsInUse) return false;
    catalogsInUse = key;
    const { catalog, errors } = loadCatalogFiles(paths);
    for (const e of errors) {
      const message = `fluentd.catalogs: ${e.path}: ${e.message}`;
      connection.console.warn(message);
      // a notification, not a request: nothing waits for the user to dismiss it
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
    const checks = settings.deployImage ? [...defaultChecks, imagePluginCheck(settings.deployImage)] : undefined;
    service = new FluentdLanguageService({ fileSystem: options.fileSystem, catalog, checks });
    return true;
  };

  // Formatting is offered for the `fluentd` language only: a static capability would make the
  // editor list us as a formatter of every YAML file in the client's selector. Clients that
  // can register dynamically get the narrower selector; others keep the static capability.
  // (The handlers still answer for ConfigMap YAML: the client's explicit command asks them.)
  let dynamicFormatting = false;
  let dynamicRangeFormatting = false;

  connection.onInitialize((params): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    dynamicFormatting = params.capabilities.textDocument?.formatting?.dynamicRegistration === true;
    dynamicRangeFormatting = params.capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceRoot = folder ? uriToPath(folder) : undefined;
    applyCatalogs();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['<', '/', '@', ' ', ','] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: !dynamicFormatting,
        documentRangeFormattingProvider: !dynamicRangeFormatting,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'fluentd-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (!dynamicFormatting && !dynamicRangeFormatting) return;
    const fluentdOnly = { documentSelector: [{ language: 'fluentd' }] };
    const bulk = BulkRegistration.create();
    if (dynamicFormatting) bulk.add(DocumentFormattingRequest.type, fluentdOnly);
    if (dynamicRangeFormatting) bulk.add(DocumentRangeFormattingRequest.type, fluentdOnly);
    connection.client.register(bulk).catch((err: unknown) => {
      connection.console.error(`registering formatting failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { fluentd?: unknown } | undefined)?.fluentd;
    if (section === undefined) return;
    settings = readSettings(section);
    // other plugins known or forgotten: every open config is checked again
    if (applyCatalogs()) for (const d of documents.all()) scheduler.now(d);
  });

  // An edit in one file can change the findings of the others of its config tree (a
  // label defined in the root, a match that shadows a fragment's): once edits pause,
  // the other open configs are checked again.
  let othersTimer: NodeJS.Timeout | undefined;
  const recheckOthers = (changed: string) => {
    if (othersTimer) clearTimeout(othersTimer);
    othersTimer = setTimeout(() => {
      othersTimer = undefined;
      try {
        // config tests name sources and outputs of their config: checked again too
        for (const d of documents.all()) if (d.uri !== changed && (d.languageId === 'fluentd' || isConfigTestPath(d.uri))) scheduler.now(d);
      } catch {
        // the connection went away meanwhile
      }
    }, settings.debounceMs + 50);
    othersTimer.unref?.();
  };
  const stopRecheck = () => {
    if (othersTimer) clearTimeout(othersTimer);
    othersTimer = undefined;
  };

  // first diagnostics on open come at once; edits are debounced, and a newer
  // version of the document supersedes a pending check
  documents.onDidOpen((e) => scheduler.now(e.document));
  documents.onDidChangeContent((e) => {
    scheduler.later(e.document);
    recheckOthers(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.close(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** A request about one open document: looked up, guarded, answered empty when it is not open. */
  const onDoc = <P extends { textDocument: { uri: string } }, R>(name: string, empty: R, fn: (doc: TextDocument, params: P) => R) =>
    guard<P, R>(name, empty, (p) => {
      const doc = documents.get(p.textDocument.uri);
      return doc ? fn(doc, p) : empty;
    });

  connection.onDocumentSymbol(onDoc('documentSymbol', [], (doc) => service.documentSymbols(doc)));
  connection.onFoldingRanges(onDoc('foldingRanges', [], (doc) => service.foldingRanges(doc)));
  connection.onDefinition(onDoc('definition', [], (doc, p) => service.definition(doc, p.position)));
  connection.onCompletion(onDoc('completion', null, (doc, p) => service.completion(doc, p.position)));
  connection.onHover(onDoc('hover', null, (doc, p) => service.hover(doc, p.position)));
  connection.onCodeAction(onDoc('codeAction', [], (doc, p) => service.codeActions(doc, p.range, p.context.diagnostics)));
  connection.onDocumentFormatting(onDoc('formatting', [], (doc, p) => service.format(doc, p.options)));
  connection.onDocumentRangeFormatting(onDoc('rangeFormatting', [], (doc, p) => service.format(doc, p.options, p.range)));
  connection.onDocumentLinks(onDoc('documentLinks', [], (doc) => service.documentLinks(doc)));
  connection.onCodeLens(onDoc('codeLens', [], (doc) => service.codeLenses(doc)));
  // the client's "Show event route" command asks for the chain of filters and match of a <source>
  connection.onRequest(
    EVENT_ROUTE_REQUEST,
    onDoc('eventRoute', [], (doc, p: EventRouteParams) => service.eventRoutes(doc, p.position)),
  );

  // Try log lines, Trace this event, config tests: the simulator on the whole config
  registerSimulateRequests(connection, documents, () => service);

  connection.onShutdown(() => {
    stopRecheck();
    scheduler.dispose();
  });
  connection.onExit(() => {
    stopRecheck();
    scheduler.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
