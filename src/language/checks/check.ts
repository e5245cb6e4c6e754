// A check looks at one parsed config and reports findings. Checks are pure and
// independent; the service runs them in order after the parser.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParseResult } from '../parser';
import type { Diagnostic } from '../types';

export interface CheckContext {
  document: TextDocument;
  parsed: ParseResult;
}

export type Check = (ctx: CheckContext) => Diagnostic[];
