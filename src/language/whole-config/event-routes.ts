// The event routes of a document's own sources, through the whole config it belongs to
// (for the `fluentd/eventRoute` request and the code lens above each <source>).
import { buildModel } from '../routing/model';
import { routesOf, type EventRoute } from '../routing/event-route';
import type { Position } from '../types';
import { containsPosition } from '../types';
import type { DocumentContext } from './whole-config';

/** Routes of the document's own sources (or of the one holding `position`). */
export function eventRoutesOf(ctx: DocumentContext, position?: Position): EventRoute[] {
  const model = buildModel(ctx.tree);
  return routesOf(
    model,
    model.sources.filter((s) => s.el.file.path === ctx.self.path && (!position || containsPosition(s.el.node.range, position))),
  );
}
