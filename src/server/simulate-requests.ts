// LSP plumbing for the simulator's editor features: custom requests answered with the language
// service's whole-config context of the document (open editors' text wins over the disk).
// Each handler is guarded like the others in server.ts: a bug answers with an error message,
// it never takes the server down.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FluentdLanguageService } from '../language/service';
import { isYamlDocument } from '../language/yaml/yaml-support';
import { simulationEnvironment } from '../language/simulate/environment';
import { runPlayground } from '../language/simulate/playground/playground';
import { PLAYGROUND_REQUEST, type PlaygroundParams, type PlaygroundResult } from '../language/simulate/playground/protocol';

function failure(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export function registerSimulateRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: () => FluentdLanguageService,
): void {
  connection.onRequest(PLAYGROUND_REQUEST, (p: PlaygroundParams): PlaygroundResult => {
    const lines = Array.isArray(p?.lines) ? p.lines.filter((l): l is string => typeof l === 'string') : [];
    const doc = p?.textDocument?.uri ? documents.get(p.textDocument.uri) : undefined;
    if (!doc) return { error: 'The config is not open in the editor.', warnings: [], lines: [], elapsedMs: 0 };
    if (isYamlDocument(doc))
      return {
        error: 'Try log lines works in fluent.conf files; open the config file itself (ConfigMap YAML is not supported yet).',
        warnings: [],
        lines: [],
        elapsedMs: 0,
      };
    try {
      const ctx = service().context(doc);
      if (!ctx) return { error: 'The config could not be read with its includes.', warnings: [], lines: [], elapsedMs: 0 };
      return runPlayground({ tree: ctx.tree, self: ctx.self }, { ...p, lines }, simulationEnvironment(p));
    } catch (err) {
      connection.console.error(`playground failed: ${failure(err)}`);
      return {
        error: `The simulator failed on this input (please report): ${err instanceof Error ? err.message : String(err)}`,
        warnings: [],
        lines: [],
        elapsedMs: 0,
      };
    }
  });
}
