// The VS Code side of the CloudWatch Logs explorer: the "CloudWatch Logs" view in the Fluentd
// view container, its commands (one file each under commands/), tails in output channels with
// a status bar item, and stream history documents. Built as its own bundle (dist/cloudwatch.js):
// src/extension.ts registers the view with a stand-in provider and calls registerCloudWatch
// once, on first use; every disposable goes into context.subscriptions.
import * as vscode from 'vscode';
import { chooseRegionProfileCommand } from './commands/choose-region-profile-command';
import { copyArnCommand } from './commands/copy-arn-command';
import { copyNameCommand } from './commands/copy-name-command';
import { filterGroupsCommand } from './commands/filter-groups-command';
import { loadMoreCommand } from './commands/load-more-command';
import { loadOlderCommand } from './commands/load-older-command';
import { openHistoryCommand } from './commands/open-history-command';
import { refreshCommand } from './commands/refresh-command';
import { showTailsCommand } from './commands/show-tails-command';
import { stopTailCommand } from './commands/stop-tail-command';
import { tailGroupCommand } from './commands/tail-group-command';
import { tailPodCommand } from './commands/tail-pod-command';
import { tailStreamCommand } from './commands/tail-stream-command';
import { HISTORY_SCHEME, HistoryDocuments } from './history-documents';
import { checkKubeContext } from './running-pods';
import { ScriptedCloudWatchPrompts } from './prompts';
import { CloudWatchSession } from './session';
import { affectsCloudWatch } from './settings';
import { TailManager } from './tail-manager';
import { SHOW_TAILS_COMMAND } from './tail-status-bar';
import { CloudWatchTreeProvider } from './tree-provider';

export const CLOUDWATCH_VIEW = 'fluentd.cloudwatch';

export const CLOUDWATCH_COMMANDS = {
  refresh: 'fluentd.cloudwatch.refresh',
  filterGroups: 'fluentd.cloudwatch.filterGroups',
  loadMore: 'fluentd.cloudwatch.loadMore',
  tailStream: 'fluentd.cloudwatch.tailStream',
  tailPod: 'fluentd.cloudwatch.tailPod',
  tailGroup: 'fluentd.cloudwatch.tailGroup',
  stopTail: 'fluentd.cloudwatch.stopTail',
  showTails: SHOW_TAILS_COMMAND,
  openHistory: 'fluentd.cloudwatch.openHistory',
  loadOlder: 'fluentd.cloudwatch.loadOlder',
  copyName: 'fluentd.cloudwatch.copyName',
  copyArn: 'fluentd.cloudwatch.copyArn',
  chooseRegionProfile: 'fluentd.cloudwatch.chooseRegionProfile',
} as const;

/** Internal: the events a stream history document shows (used by src/ui/simulate). */
export const HISTORY_EVENTS_COMMAND = 'fluentd.cloudwatch.historyEvents';

/**
 * Test seam, registered only outside production mode: queue answers for prompts and read back
 * what was asked, copied, tailed and shown in the status bar; walk the tree as the view does.
 */
export const CLOUDWATCH_TESTING_COMMAND = 'fluentd.cloudwatch.testing.state';

/** Registers the commands and providers; returns the tree data provider of the view. */
export function registerCloudWatch(context: vscode.ExtensionContext): CloudWatchTreeProvider {
  const cw = new CloudWatchSession(context);
  const tails = new TailManager(cw);
  const docs = new HistoryDocuments(cw);
  const tree = new CloudWatchTreeProvider(cw.model);
  const C = CLOUDWATCH_COMMANDS;
  // for the view's "no kube context" welcome content
  void checkKubeContext(context);
  const cmd = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);

  context.subscriptions.push(
    cw,
    tails,
    docs,
    tree,
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, docs),
    vscode.languages.registerCodeLensProvider({ scheme: HISTORY_SCHEME }, docs),
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === HISTORY_SCHEME && docs.forget(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsCloudWatch(e)) return;
      cw.reload();
      tails.applySettings();
    }),
    cmd(C.refresh, () => {
      refreshCommand(cw);
      void checkKubeContext(context);
    }),
    cmd(C.filterGroups, () => filterGroupsCommand(cw)),
    cmd(C.loadMore, (node?: unknown) => loadMoreCommand(cw, node as never)),
    cmd(C.tailStream, (node?: unknown) => tailStreamCommand(cw, tails, node)),
    cmd(C.tailPod, (node?: unknown) => tailPodCommand(cw, tails, node)),
    cmd(C.tailGroup, (node?: unknown) => tailGroupCommand(cw, tails, node)),
    cmd(C.stopTail, () => stopTailCommand(cw, tails)),
    cmd(C.showTails, () => showTailsCommand(cw, tails)),
    cmd(C.openHistory, (node?: unknown) => openHistoryCommand(cw, node)),
    cmd(C.loadOlder, (uri?: vscode.Uri) => loadOlderCommand(docs, uri)),
    cmd(C.copyName, (node?: unknown) => copyNameCommand(cw, node)),
    cmd(C.copyArn, (node?: unknown) => copyArnCommand(cw, node)),
    cmd(C.chooseRegionProfile, () => chooseRegionProfileCommand(cw)),
    // internal (not in package.json): the events behind a history document, for Trace This Event
    cmd(HISTORY_EVENTS_COMMAND, (uri?: vscode.Uri) => (uri ? docs.eventsOf(uri) : undefined)),
  );

  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      cmd(CLOUDWATCH_TESTING_COMMAND, (answers: unknown[] = []) => {
        const scripted = cw.prompts instanceof ScriptedCloudWatchPrompts ? cw.prompts : new ScriptedCloudWatchPrompts();
        cw.prompts = scripted;
        scripted.queue(answers);
        return {
          prompts: scripted.log,
          copied: scripted.copied,
          statusBar: tails.statusBar.text,
          tailing: tails.running.length > 0,
          tails: tails.running.map((t) => ({ title: t.title, mode: t.session.mode, lines: t.lines })),
          treeRedraws: tree.timeRedraws,
          treeRedrawAt: tree.redrawAt,
          // the view's own provider, for integration tests: read nodes, hand them to the commands
          tree: {
            roots: () => tree.getChildren(),
            children: (node: Parameters<typeof tree.getTreeItem>[0]) => tree.getChildren(node),
            item: (node: Parameters<typeof tree.getTreeItem>[0]) => tree.getTreeItem(node),
          },
        };
      }),
    );
  }
  return tree;
}
