import * as vscode from 'vscode';
import { historyUri } from '../history-documents';
import type { CloudWatchSession } from '../session';
import { nodeOf } from './node-args';

/** Open a stream's history (newest events) as a read-only document. */
export async function openHistoryCommand(cw: CloudWatchSession, arg?: unknown): Promise<vscode.Uri | undefined> {
  const node = nodeOf(cw, arg, 'stream');
  if (!node) return undefined;
  const uri = historyUri(node.group.logGroupName, node.stream.logStreamName);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return uri;
}
