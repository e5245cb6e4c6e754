// The shape every simulated parser has: configured once from its section, then one call per text.
import type { ParseOutcome } from '../../types';

export interface LineParser {
  /** Fluentd's parser type (@type). */
  readonly type: string;
  /**
   * Parses one text (a line, or a multiline event's lines joined by \n). Throws RubyError for an
   * exception Fluentd raises; a budget overrun is reported by the caller.
   */
  parse(text: string): ParseOutcome;
  /** Warnings about the configuration (e.g. a regexp that can backtrack catastrophically). */
  readonly warnings: readonly string[];
  /** For a line that does not match: where the regexp stopped matching (regexp parsers only). */
  explain?(text: string): string | undefined;
}

export const NOMATCH: ParseOutcome = Object.freeze({ kind: 'nomatch' });
