// Read-only documents with a stream's history (scheme fluentd-cloudwatch), newest page first;
// "Load older…" (a code lens on the first line) prepends the next older page.
import * as vscode from 'vscode';
import { renderHistoryDocument } from '../../cloudwatch/history-document';
import { StreamHistory, type HistoryEvent } from '../../cloudwatch/history';
import { eventsPageFetcher } from '../../cloudwatch/sdk-adapters';
import { streamLabel } from '../../cloudwatch/stream-names';
import type { CloudWatchSession } from './session';

export const HISTORY_SCHEME = 'fluentd-cloudwatch';

export function historyUri(logGroupName: string, logStreamName: string): vscode.Uri {
  // the path is what the tab shows; the query says what to load
  const title = streamLabel(logStreamName).replace(/[\\/]/g, '_');
  return vscode.Uri.from({
    scheme: HISTORY_SCHEME,
    path: `/${title}.log`,
    query: new URLSearchParams({ group: logGroupName, stream: logStreamName }).toString(),
  });
}

export class HistoryDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  // keyed by group+stream: URIs that mean the same stream may differ in how the query is encoded
  private readonly histories = new Map<string, StreamHistory>();
  /** the URI VS Code uses for each stream's document, to fire changes it recognises */
  private readonly docUris = new Map<string, vscode.Uri>();

  constructor(private readonly cw: CloudWatchSession) {}

  private static key(uri: vscode.Uri): string {
    const q = new URLSearchParams(uri.query);
    return `${q.get('group') ?? ''}\u0000${q.get('stream') ?? ''}`;
  }

  private history(uri: vscode.Uri): StreamHistory {
    const key = HistoryDocuments.key(uri);
    let h = this.histories.get(key);
    if (!h) {
      const q = new URLSearchParams(uri.query);
      h = new StreamHistory(eventsPageFetcher(this.cw.client()), q.get('group') ?? '', q.get('stream') ?? '', { pageSize: 500 });
      this.histories.set(key, h);
    }
    return h;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.docUris.set(HistoryDocuments.key(uri), uri);
    const h = this.history(uri);
    if (!h.hasLoaded) {
      try {
        await h.loadOlder();
      } catch (e) {
        const err = this.cw.classify(e, { operation: 'GetLogEvents', resource: `stream ${h.logStreamName}` });
        this.cw.report(err, `history:${uri.toString()}`);
        this.histories.delete(HistoryDocuments.key(uri));
        return `# ${h.logGroupName} › ${h.logStreamName}\n# ${err.message}\n`;
      }
    }
    return renderHistoryDocument({
      logGroupName: h.logGroupName,
      logStreamName: h.logStreamName,
      events: h.events,
      exhausted: h.exhausted,
    });
  }

  /** "Load older…": fetch the next older page and redraw. */
  async loadOlder(uri: vscode.Uri): Promise<number> {
    const h = this.history(uri);
    let added: number;
    try {
      added = await h.loadOlder();
    } catch (e) {
      this.cw.report(
        this.cw.classify(e, { operation: 'GetLogEvents', resource: `stream ${h.logStreamName}` }),
        `history:${uri.toString()}`,
      );
      return 0;
    }
    this.changed.fire(this.docUris.get(HistoryDocuments.key(uri)) ?? uri);
    this.lensChanged.fire();
    return added;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const h = this.histories.get(HistoryDocuments.key(doc.uri));
    if (!h || h.exhausted) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: 'Load older…',
        command: 'fluentd.cloudwatch.loadOlder',
        arguments: [doc.uri],
      }),
    ];
  }

  /** The events a history document shows (oldest first), for "Trace this event" and the playground. */
  eventsOf(uri: vscode.Uri): { logGroupName: string; logStreamName: string; events: readonly HistoryEvent[] } | undefined {
    const h = this.histories.get(HistoryDocuments.key(uri));
    return h && { logGroupName: h.logGroupName, logStreamName: h.logStreamName, events: h.events };
  }

  /** Forget a closed document's events. */
  forget(uri: vscode.Uri): void {
    this.histories.delete(HistoryDocuments.key(uri));
    this.docUris.delete(HistoryDocuments.key(uri));
  }

  dispose(): void {
    this.changed.dispose();
    this.lensChanged.dispose();
    this.histories.clear();
    this.docUris.clear();
  }
}
