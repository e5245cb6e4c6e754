// Formatting provider: the formatter's line edits (../format.ts) as LSP text edits.
import type { TextEdit } from 'vscode-languageserver-types';
import { formatEdits } from '../format';
import type { ParseResult } from '../parser';
import type { Range } from '../types';

/** Canonical layout, limited to the lines `range` touches; nothing for a file with syntax errors. */
export function formattingEdits(text: string, parsed: ParseResult, range?: Range): TextEdit[] {
  return formatEdits(text, parsed, range);
}
