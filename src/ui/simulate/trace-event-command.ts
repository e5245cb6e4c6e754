// Fluentd: Trace This Event — on a line of a CloudWatch stream history document (the editor's
// context menu there, or the command palette with the cursor on the line): which <source>,
// filters and <match> of the open config would have produced that event, drawn in a panel
// beside. The event comes from the history's own events (not the shown text, which is only the
// `log` field), and the trace runs in the language server on the whole config.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { eventAtLine } from '../../cloudwatch/history-document';
import {
  TRACE_EVENT_REQUEST,
  type CloudWatchEvent,
  type TraceEventParams,
  type TraceEventResult,
} from '../../language/simulate/trace/protocol';
import { chooseConfig } from './choose-config';
import { HISTORY_EVENTS_COMMAND, HISTORY_SCHEME, type HistoryEvents } from './playground';
import { simulationSettings } from './settings';
import type { TraceState } from './webview/messages';
import { reveal, SimulatorWebview } from './webview-panel';

export class TraceView implements vscode.Disposable {
  private view: SimulatorWebview | undefined;
  last: TraceEventResult | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get rendered(): string {
    return this.view?.rendered ?? '';
  }

  show(state: TraceState): void {
    this.last = state.result;
    if (!this.view)
      this.view = new SimulatorWebview(
        this.extensionUri,
        'fluentd.eventTrace',
        'Event Trace',
        'trace',
        (m) => {
          if (m.type === 'reveal') void reveal(m.place);
        },
        () => {
          this.view = undefined;
        },
      );
    else this.view.panel.reveal(vscode.ViewColumn.Beside, true);
    this.view.show(state);
  }

  dispose(): void {
    this.view?.panel.dispose();
  }
}

/** The CloudWatch event on a line of a history document, or why there is none. */
export async function eventOnLine(uri: vscode.Uri, line: number): Promise<CloudWatchEvent | string> {
  if (uri.scheme !== HISTORY_SCHEME)
    return 'Put the cursor on an event of a CloudWatch stream history (Fluentd view › a stream › Open Stream History).';
  const h = await vscode.commands.executeCommand<HistoryEvents | undefined>(HISTORY_EVENTS_COMMAND, uri);
  if (!h) return 'The events of this history are no longer loaded: open the stream history again.';
  const e = eventAtLine(h, line);
  if (!e) return 'This line holds no event: put the cursor on an event line.';
  return { logGroupName: h.logGroupName, logStreamName: h.logStreamName, timestamp: e.timestamp, message: e.message };
}

export async function traceEventCommand(
  client: Promise<LanguageClient>,
  view: TraceView,
  uri?: vscode.Uri,
  line?: number,
): Promise<TraceEventResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const target = uri instanceof vscode.Uri ? uri : editor?.document.uri;
  const at = typeof line === 'number' ? line : editor?.selection.active.line;
  if (!target || at === undefined) {
    void vscode.window.showInformationMessage('Open a CloudWatch stream history and put the cursor on an event to trace it.');
    return undefined;
  }
  const ev = await eventOnLine(target, at);
  if (typeof ev === 'string') {
    void vscode.window.showInformationMessage(ev);
    return undefined;
  }
  const config = await chooseConfig();
  if (!config) return undefined;
  const doc = await vscode.workspace.openTextDocument(config); // the server answers for open documents
  const params: TraceEventParams = { textDocument: { uri: doc.uri.toString() }, event: ev, ...simulationSettings(config) };
  const result = await (await client).sendRequest<TraceEventResult>(TRACE_EVENT_REQUEST, params);
  view.show({
    type: 'trace',
    title: `${ev.logGroupName} › ${ev.logStreamName}`,
    subtitle: `Event of ${new Date(ev.timestamp).toISOString()}, traced through ${vscode.workspace.asRelativePath(config)}`,
    result,
  });
  return result;
}
