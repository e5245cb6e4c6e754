// Fluentd: Try Log Lines… — the playground beside the config: sample lines (typed, pasted, from a
// file or from a CloudWatch stream's events) run through the <source> or <parse> the command
// was given, in the language server (which has the whole config with its includes, as the
// editor holds it). It runs again as the lines or any fluent.conf change; a newer run makes an
// older answer stale, and one run at a time is in flight.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { messageText } from '../../cloudwatch/format';
import {
  MAX_PLAYGROUND_LINES,
  PLAYGROUND_REQUEST,
  type PlaygroundParams,
  type PlaygroundResult,
  type PlaygroundTarget,
} from '../../language/simulate/playground/protocol';
import { isConfigEditor } from './choose-config';
import { simulationSettings } from './settings';
import { shiftPosition } from './track-position';
import type { FromWebview, PlaygroundState } from './webview/messages';
import { reveal, SimulatorWebview } from './webview-panel';

/** How long after the last keystroke (lines or config) a run starts. */
const DEBOUNCE_MS = 120;
/** A file picked for sample lines: at most this many bytes are read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export const HISTORY_SCHEME = 'fluentd-cloudwatch';
export const HISTORY_EVENTS_COMMAND = 'fluentd.cloudwatch.historyEvents';

export interface HistoryEvents {
  logGroupName: string;
  logStreamName: string;
  events: readonly { timestamp: number; message: string }[];
}

export class Playground implements vscode.Disposable {
  private view: SimulatorWebview | undefined;
  private uri: vscode.Uri | undefined;
  private position: vscode.Position | undefined;
  private lines = '';
  private path = '';
  private tag = '';
  private target: PlaygroundTarget | undefined;
  private result: PlaygroundResult | undefined;
  private roundTripMs: number | undefined;
  private notice: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: Promise<LanguageClient>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.view || !e.contentChanges.length) return;
        if (this.uri && e.document.uri.toString() === this.uri.toString() && this.position) {
          const p = shiftPosition(this.position, e.contentChanges);
          this.position = new vscode.Position(p.line, p.character);
        }
        if (isConfigEditor(e.document)) this.schedule();
      }),
    );
  }

  /** The rendered text and the last result (integration tests). */
  get state(): { rendered: string; result: PlaygroundResult | undefined; lines: string; open: boolean } {
    return { rendered: this.view?.rendered ?? '', result: this.result, lines: this.lines, open: this.view !== undefined };
  }

  open(uri: vscode.Uri, position: vscode.Position): void {
    const changed = this.uri?.toString() !== uri.toString() || !this.position?.isEqual(position);
    this.uri = uri;
    this.position = position;
    if (changed) {
      this.target = undefined;
      this.result = undefined;
      this.path = '';
      this.tag = '';
    }
    if (!this.view) {
      this.view = new SimulatorWebview(
        this.extensionUri,
        'fluentd.playground',
        'Try Log Lines',
        'playground',
        (m) => this.onMessage(m),
        () => {
          this.view = undefined;
        },
      );
    } else this.view.panel.reveal(vscode.ViewColumn.Beside, true);
    this.draw();
    this.schedule(0);
  }

  /** Sets the sample lines (the test seam and the pickers). */
  setLines(lines: string): void {
    this.lines = lines;
    this.view?.show({ type: 'setLines', lines });
    this.schedule(0);
  }

  private draw(busy = false): void {
    const state: PlaygroundState = {
      type: 'playground',
      ...(this.target ? { target: this.target } : {}),
      lines: this.lines,
      path: this.path,
      tag: this.tag,
      ...(this.result ? { result: this.result } : {}),
      busy,
      ...(this.roundTripMs !== undefined ? { roundTripMs: this.roundTripMs } : {}),
      ...(this.notice ? { notice: this.notice } : {}),
    };
    this.view?.show(state);
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'input':
        this.lines = String(m.lines ?? '');
        this.path = String(m.path ?? '');
        this.tag = String(m.tag ?? '');
        this.schedule();
        return;
      case 'pickFile':
        void this.pickFile();
        return;
      case 'pickCloudWatch':
        void this.pickCloudWatch();
        return;
      case 'reveal':
        void reveal(m.place);
        return;
    }
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private async run(): Promise<void> {
    if (!this.view || !this.uri || !this.position) return;
    if (this.inFlight) {
      this.again = true; // the answer in flight is stale: run once more when it comes
      return;
    }
    this.inFlight = true;
    const params: PlaygroundParams = {
      textDocument: { uri: this.uri.toString() },
      position: { line: this.position.line, character: this.position.character },
      lines: splitLines(this.lines),
      ...(this.path ? { path: this.path } : {}),
      ...(this.tag ? { tag: this.tag } : {}),
      ...simulationSettings(this.uri),
    };
    const started = performance.now();
    this.draw(true);
    try {
      // the server answers for open documents: make sure the config is one
      await vscode.workspace.openTextDocument(this.uri);
      const client = await this.client;
      const result = await client.sendRequest<PlaygroundResult>(PLAYGROUND_REQUEST, params);
      this.result = result;
      this.target = result.target ?? this.target;
      this.roundTripMs = performance.now() - started;
      this.notice = undefined;
    } catch (e) {
      this.notice = `The language server did not answer: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      this.schedule(0);
    }
    this.draw();
  }

  private async pickFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use its lines',
      title: 'Sample lines from a file',
    });
    if (!picked?.length) return;
    try {
      const st = await vscode.workspace.fs.stat(picked[0]);
      if (st.size > MAX_FILE_BYTES) {
        void vscode.window.showWarningMessage(`Only the first ${MAX_FILE_BYTES / (1024 * 1024)} MB of the file are used.`);
      }
      const bytes = await vscode.workspace.fs.readFile(picked[0]);
      const text = new TextDecoder().decode(bytes.subarray(0, MAX_FILE_BYTES));
      this.setLines(splitLines(text).slice(0, MAX_PLAYGROUND_LINES).join('\n'));
    } catch (e) {
      void vscode.window.showErrorMessage(`Cannot read ${picked[0].fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async pickCloudWatch(): Promise<void> {
    const histories: { uri: vscode.Uri; events: HistoryEvents }[] = [];
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme !== HISTORY_SCHEME) continue;
      const events = await vscode.commands.executeCommand<HistoryEvents | undefined>(HISTORY_EVENTS_COMMAND, d.uri);
      if (events?.events.length) histories.push({ uri: d.uri, events });
    }
    if (!histories.length) {
      const show = 'Show CloudWatch Logs';
      const a = await vscode.window.showInformationMessage(
        "Open a stream's history first (Fluentd view › CloudWatch Logs › a stream › Open Stream History); its events can then be picked here.",
        show,
      );
      if (a === show) await vscode.commands.executeCommand('fluentd.cloudwatch.focus');
      return;
    }
    let chosen = histories[0];
    if (histories.length > 1) {
      const pick = await vscode.window.showQuickPick(
        histories.map((h) => ({ label: h.events.logStreamName, description: h.events.logGroupName, h })),
        { title: 'Events of which stream?' },
      );
      if (!pick) return;
      chosen = pick.h;
    }
    const items = [...chosen.events.events].reverse().map((e) => {
      const text = messageText(e.message).text;
      return {
        label: text.length > 200 ? `${text.slice(0, 200)}…` : text,
        description: new Date(e.timestamp).toISOString(),
        text,
        picked: false,
      };
    });
    const picks = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Events of ${chosen.events.logStreamName} (newest first)`,
      matchOnDescription: true,
    });
    if (!picks?.length) return;
    // the text the application wrote: a Docker/CRI record's log/message, else the whole message
    this.setLines(picks.map((p) => p.text).join('\n'));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.view?.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Lines as a file holds them: \n or \r\n; a trailing newline ends the last line, it does not add one. */
export function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
