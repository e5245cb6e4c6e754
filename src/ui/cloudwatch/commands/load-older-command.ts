import * as vscode from 'vscode';
import type { HistoryDocuments } from '../history-documents';

/** The "Load older…" code lens of a history document. */
export async function loadOlderCommand(docs: HistoryDocuments, uri?: vscode.Uri): Promise<number> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return 0;
  return docs.loadOlder(target);
}
