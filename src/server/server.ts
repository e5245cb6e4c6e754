// LSP wiring only: connects vscode-languageserver's handlers to the language service, the
// diagnostics scheduler, the re-check of the other open files and the catalogue setting.
// Every handler is guarded: a bug in a feature logs an error and answers empty, it never
// takes the server down.
import { type Connection, type InitializeResult, MessageType, ShowMessageNotification, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystem } from '../language/file-system';
import { defaultChecks } from '../language/checks';
import { imagePluginCheck } from '../language/checks/image-plugins';
import { FluentdLanguageService } from '../language/service';
import { uriToPath } from '../language/uri';
import { EVENT_ROUTE_REQUEST, type EventRouteParams } from '../language/routing/protocol';
import { clientSupport, formattingRegistration, serverCapabilities, type ClientSupport } from './capabilities';
import { CatalogSetting } from './catalogs';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { RecheckOthers } from './recheck-others';
import { readSettings, readTrust, type ServerSettings } from './settings';
import { registerSimulateRequests } from './simulate-requests';
import { catalogAccess } from './catalog-access';
import { WORKSPACE_TRUSTED_NOTIFICATION } from './protocol';

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
  const catalogs = new CatalogSetting((message) => {
    connection.console.warn(message);
    // a notification, not a request: nothing waits for the user to dismiss it
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  });
  /** A new service when the extra catalogue files or the deploy image change. */
  const applyCatalogs = (): boolean => {
    const catalog = catalogs.reload(settings.catalogs, settings.deployImage, workspaceRoot);
    if (!catalog) return false;
    const checks = settings.deployImage ? [...defaultChecks, imagePluginCheck(settings.deployImage)] : undefined;
    service = new FluentdLanguageService({ fileSystem: options.fileSystem, catalog, checks });
    return true;
  };

  let client: ClientSupport = { dynamicFormatting: false, dynamicRangeFormatting: false };

  connection.onInitialize((params): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    client = clientSupport(params);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceRoot = folder ? uriToPath(folder) : undefined;
    const folders = (params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : [])).flatMap((u) => uriToPath(u) ?? []);
    catalogs.access = catalogAccess(readTrust(params.initializationOptions), folders);
    applyCatalogs();
    return { capabilities: serverCapabilities(client), serverInfo: { name: 'fluentd-language-server' } };
  });

  connection.onInitialized(() => {
    const registration = formattingRegistration(client);
    if (!registration) return;
    connection.client.register(registration).catch((err: unknown) => {
      connection.console.error(`registering formatting failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  // the user trusted the workspace: the catalogue files it names may now be read
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    catalogs.trust();
    if (applyCatalogs()) for (const d of documents.all()) scheduler.now(d);
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { fluentd?: unknown } | undefined)?.fluentd;
    if (section === undefined) return;
    settings = readSettings(section);
    // other plugins known or forgotten: every open config is checked again
    if (applyCatalogs()) for (const d of documents.all()) scheduler.now(d);
  });

  const others = new RecheckOthers({ delayMs: () => settings.debounceMs, open: () => documents.all(), check: (d) => scheduler.now(d) });

  // first diagnostics on open come at once; edits are debounced, and a newer
  // version of the document supersedes a pending check
  documents.onDidOpen((e) => scheduler.now(e.document));
  documents.onDidChangeContent((e) => {
    scheduler.later(e.document);
    others.changed(e.document.uri);
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
    others.dispose();
    scheduler.dispose();
  });
  connection.onExit(() => {
    others.dispose();
    scheduler.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
