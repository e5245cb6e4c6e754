// Code lenses provider: above each <source> of the document, the route its events take
// ("→ 2 filters → match cloudwatch_logs"); the lens runs the client's Show Event Route.
import { CodeLens, Command } from 'vscode-languageserver-types';
import { SHOW_EVENT_ROUTE_COMMAND } from '../routing/protocol';
import { eventRoutesOf } from '../whole-config/event-routes';
import type { DocumentContext } from '../whole-config/whole-config';

export function routeCodeLenses(ctx: DocumentContext): CodeLens[] {
  return eventRoutesOf(ctx).map((r) => {
    const lens = CodeLens.create(r.source.range);
    lens.command = Command.create(r.summary, SHOW_EVENT_ROUTE_COMMAND, r.source.uri, r.source.range.start);
    return lens;
  });
}
