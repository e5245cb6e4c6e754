// Editor features of the routing analysis: the event route of the sources in a
// document (for the `fluentd/eventRoute` request and the code lens above each
// <source>), and the quick fix of unmatched-source (widen `*` to `**`).
import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  Command,
  TextEdit,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
} from 'vscode-languageserver-types';
import type { DocumentContext } from '../whole-config/whole-config';
import { eventRoutesOf } from '../whole-config/event-routes';
import type { PatternFix } from './analyze';
import { SHOW_EVENT_ROUTE_COMMAND } from './protocol';

export { EVENT_ROUTE_REQUEST, SHOW_EVENT_ROUTE_COMMAND, type EventRouteParams } from './protocol';

export function routeCodeLenses(ctx: DocumentContext): CodeLens[] {
  return eventRoutesOf(ctx).map((r) => {
    const lens = CodeLens.create(r.source.range);
    lens.command = Command.create(r.summary, SHOW_EVENT_ROUTE_COMMAND, r.source.uri, r.source.range.start);
    return lens;
  });
}

/** Quick fixes for unmatched-source: the pattern edits its data carries (they may be in another file). */
export function routingCodeActions(range: LspRange, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.code !== 'unmatched-source' || (d.source !== undefined && d.source !== 'fluentd')) continue;
    if (d.range.end.line < range.start.line || d.range.start.line > range.end.line) continue;
    const fixes = (d.data as { fixes?: PatternFix[] } | undefined)?.fixes;
    if (!Array.isArray(fixes)) continue;
    fixes.forEach((f, i) => {
      const action = CodeAction.create(
        `Use ${f.title}`,
        { changes: { [f.uri]: [TextEdit.replace(f.range, f.newText)] } },
        CodeActionKind.QuickFix,
      );
      action.diagnostics = [d];
      if (i === 0) action.isPreferred = true;
      out.push(action);
    });
  }
  return out;
}
