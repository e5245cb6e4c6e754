// The VS Code side of the simulator (its own bundle, dist/simulate.js, loaded on first use):
// "Try log lines…" (the playground panel), "Trace this event" (a CloudWatch history line traced
// through the config) and config tests in the Test Explorer. The simulations themselves run in
// the language server, which holds the whole config as the editor has it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRY_LOG_LINES_COMMAND } from '../../language/simulate/playground/protocol';
import { TRACE_EVENT_COMMAND } from '../../language/simulate/trace/protocol';
import { isConfigEditor, trackConfigEditors } from './choose-config';
import { ConfigTestController } from './config-test-controller';
import { Playground } from './playground';
import { traceEventCommand, TraceView } from './trace-event-command';

/** Test seam (outside production mode): the panels' drawn text and the last results. */
export const SIMULATE_TESTING_COMMAND = 'fluentd.simulate.testing.state';

export interface SimulatePart {
  playground: Playground;
  tests: ConfigTestController;
}

export function registerSimulate(context: vscode.ExtensionContext, client: Promise<LanguageClient>): SimulatePart {
  const playground = new Playground(context.extensionUri, client);
  const trace = new TraceView(context.extensionUri);
  const tests = new ConfigTestController(client);
  context.subscriptions.push(
    playground,
    trace,
    tests,
    trackConfigEditors(),
    vscode.commands.registerCommand(TRY_LOG_LINES_COMMAND, (uri?: string | vscode.Uri, position?: { line: number; character: number }) => {
      const editor = vscode.window.activeTextEditor;
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? editor?.document.uri);
      const pos = position ? new vscode.Position(position.line, position.character) : editor?.selection.active;
      if (!target || !pos || (!position && !isConfigEditor(editor?.document))) {
        void vscode.window.showInformationMessage(
          "Put the cursor in a <source> or <parse> of a fluent.conf (or of a ConfigMap's .conf key) to try log lines there.",
        );
        return;
      }
      playground.open(target, pos);
    }),
    vscode.commands.registerCommand(TRACE_EVENT_COMMAND, (uri?: vscode.Uri, line?: number) => traceEventCommand(client, trace, uri, line)),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(SIMULATE_TESTING_COMMAND, (args: { lines?: string } = {}) => {
        if (typeof args.lines === 'string') playground.setLines(args.lines);
        return {
          playground: playground.state,
          trace: { rendered: trace.rendered, result: trace.last },
          tests: { lastRun: [...tests.lastRun], files: itemsOf(tests.controller) },
        };
      }),
    );
  }
  // the workspace's test files are listed when VS Code first asks (resolveHandler), not at load
  return { playground, tests };
}

function itemsOf(c: vscode.TestController): { id: string; label: string; error?: string; children: string[] }[] {
  const out: { id: string; label: string; error?: string; children: string[] }[] = [];
  c.items.forEach((f) => {
    const children: string[] = [];
    f.children.forEach((t) => children.push(t.label));
    out.push({ id: f.id, label: f.label, ...(f.error ? { error: typeof f.error === 'string' ? f.error : f.error.value } : {}), children });
  });
  return out;
}
