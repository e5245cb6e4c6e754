// What the server offers the client. Formatting is offered for the `fluentd` language only:
// a static capability would make the editor list us as a formatter of every YAML file in
// the client's selector. Clients that can register dynamically get the narrower selector;
// others keep the static capability. (The handlers still answer for ConfigMap YAML: the
// client's explicit command asks them.)
import {
  BulkRegistration,
  CodeActionKind,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type InitializeParams,
  type ServerCapabilities,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';

export interface ClientSupport {
  dynamicFormatting: boolean;
  dynamicRangeFormatting: boolean;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  return {
    dynamicFormatting: params.capabilities.textDocument?.formatting?.dynamicRegistration === true,
    dynamicRangeFormatting: params.capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true,
  };
}

export function serverCapabilities(client: ClientSupport): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    definitionProvider: true,
    completionProvider: { triggerCharacters: ['<', '/', '@', ' ', ','] },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentFormattingProvider: !client.dynamicFormatting,
    documentRangeFormattingProvider: !client.dynamicRangeFormatting,
    documentLinkProvider: { resolveProvider: false },
    codeLensProvider: { resolveProvider: false },
  };
}

/** The dynamic registration of formatting for `fluentd` documents, when the client can take one. */
export function formattingRegistration(client: ClientSupport): BulkRegistration | undefined {
  if (!client.dynamicFormatting && !client.dynamicRangeFormatting) return undefined;
  const fluentdOnly = { documentSelector: [{ language: 'fluentd' }] };
  const bulk = BulkRegistration.create();
  if (client.dynamicFormatting) bulk.add(DocumentFormattingRequest.type, fluentdOnly);
  if (client.dynamicRangeFormatting) bulk.add(DocumentRangeFormattingRequest.type, fluentdOnly);
  return bulk;
}
