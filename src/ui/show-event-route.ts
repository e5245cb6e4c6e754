// Fluentd: Show Event Route — for the <source> under the cursor (or the one whose
// code lens was clicked), the filters and the match its events pass through, as a
// quick pick; picking a step opens it. The route comes from the language server
// (`fluentd/eventRoute`), so it follows @include across files and ConfigMap keys.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EventRoute, RouteStep } from '../language/routing/event-route';
import { EVENT_ROUTE_REQUEST, SHOW_EVENT_ROUTE_COMMAND, type EventRouteParams } from '../language/routing/protocol';

export interface RouteItem extends vscode.QuickPickItem {
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const ICONS: Record<RouteStep['kind'], string> = {
  filter: '$(filter)',
  match: '$(arrow-right)',
  label: '$(tag)',
  dropped: '$(warning)',
  unknown: '$(question)',
};

/** The quick pick rows for some routes: a header per source, then its steps (pure, testable). */
export function routeItems(routes: readonly EventRoute[]): RouteItem[] {
  const items: RouteItem[] = [];
  for (const r of routes) {
    items.push({ label: r.source.title, kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: `$(symbol-event) ${r.source.title}`,
      description: `tag ${r.source.tags}`,
      detail: r.summary,
      uri: r.source.uri,
      range: r.source.range,
    });
    for (const s of r.steps) {
      items.push({
        label: `${'    '.repeat(s.depth + 1)}${ICONS[s.kind]} ${s.title}`,
        description: s.partial ? 'some events' : undefined,
        uri: s.uri,
        range: s.range,
      });
    }
  }
  return items;
}

/** The pick UI, behind a seam so the command's flow can be driven without a person. */
export interface RoutePrompts {
  pick(items: RouteItem[], title: string): Thenable<RouteItem | undefined>;
  info(message: string): Thenable<unknown>;
}

const windowPrompts: RoutePrompts = {
  pick: (items, title) => vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true }),
  info: (message) => vscode.window.showInformationMessage(message),
};

export function registerShowEventRoute(
  context: vscode.ExtensionContext,
  started: Promise<LanguageClient>,
  prompts: RoutePrompts = windowPrompts,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_EVENT_ROUTE_COMMAND, async (uri?: string, position?: EventRouteParams['position']) => {
      const editor = vscode.window.activeTextEditor;
      const target = uri ?? editor?.document.uri.toString();
      if (!target) return prompts.info('Open a fluent.conf (or a ConfigMap holding one) to see where its events go.');
      const params: EventRouteParams = {
        textDocument: { uri: target },
        position: position ?? (uri ? undefined : editor?.selection.active),
      };
      const client = await started;
      let routes = await client.sendRequest<EventRoute[]>(EVENT_ROUTE_REQUEST, params);
      // outside any <source>: show every source of the file
      if (!routes.length && params.position && !uri)
        routes = await client.sendRequest<EventRoute[]>(EVENT_ROUTE_REQUEST, { textDocument: params.textDocument });
      if (!routes.length) return prompts.info('No <source> in this file: event routes start at a <source>.');
      const title = routes.length === 1 ? `Event route of ${routes[0].source.title}` : 'Event routes of the sources in this file';
      const chosen = await prompts.pick(routeItems(routes), title);
      if (!chosen?.uri || !chosen.range) return undefined;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(chosen.uri));
      const r = chosen.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      await vscode.window.showTextDocument(doc, { selection: range });
      return undefined;
    }),
  );
}
