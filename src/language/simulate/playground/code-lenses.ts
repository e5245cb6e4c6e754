// "Try log lines…" above every <source> and <parse> of a document: the lens runs
// TRY_LOG_LINES_COMMAND with the document and the element's start, which opens the playground.
// Plain data in the shape of an LSP code lens (the service hands it over as is).
import type { ConfigDocument } from '../../parser/ast';
import type { Range } from '../../types';
import { elements } from '../../walk';
import { TRY_LOG_LINES_COMMAND } from './protocol';

export interface TryLens {
  range: Range;
  command: { title: string; command: string; arguments: [string, Range['start']] };
}

/** At most this many lenses per document (a generated 10k-source file gets no wall of lenses). */
const MAX_LENSES = 500;

export function tryLogLinesLenses(document: ConfigDocument, uri: string): TryLens[] {
  const out: TryLens[] = [];
  for (const el of elements(document.children)) {
    if (el.name !== 'source' && el.name !== 'parse') continue;
    if (out.length >= MAX_LENSES) break;
    const range = el.openRange;
    out.push({ range, command: { title: 'Try log lines…', command: TRY_LOG_LINES_COMMAND, arguments: [uri, range.start] } });
  }
  return out;
}
