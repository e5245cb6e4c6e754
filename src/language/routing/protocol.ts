// Names shared by the language server and the client for the event-route feature
// (kept free of imports so the extension bundle takes nothing else from here).

/** The command the code lens above a <source> runs; the client registers it (src/ui/show-event-route.ts). */
export const SHOW_EVENT_ROUTE_COMMAND = 'fluentd.showEventRoute';
/** The LSP request for the routes of a document's sources. */
export const EVENT_ROUTE_REQUEST = 'fluentd/eventRoute';

export interface EventRouteParams {
  textDocument: { uri: string };
  /** Only the <source> holding this position; every source of the document when absent. */
  position?: { line: number; character: number };
}
