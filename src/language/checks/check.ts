// A check looks at one parsed config and reports findings. Checks are pure and
// independent; the service runs them in order after the parser (check-runner.ts).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog';
import type { ConfigTree } from '../includes/tree';
import type { Node, ParseResult } from '../parser';
import type { Diagnostic } from '../types';

export interface CheckContext {
  document: TextDocument;
  parsed: ParseResult;
  /** The plugin catalogue in effect (bundled + `fluentd.catalogs`); checks fall back to the bundled one. */
  catalog?: Catalog;
  /**
   * The whole config this file belongs to (its root with every @include read in), when
   * known: checks about cross-file facts (labels) look there. Absent: per-file only.
   */
  tree?: ConfigTree;
  /**
   * The top-level nodes to report about (with everything inside them); the whole document
   * when absent. A per-node check (checks/index.ts) reads nothing else of the file but the
   * file-wide facts of fileFacts (util.ts), so its findings about a node can be kept while
   * the node and those facts stay the same.
   */
  scope?: readonly Node[];
}

/*
 * `Diagnostic.data` of the catalogue checks — what a quick fix needs. Ranges are
 * the diagnostic's own range unless said otherwise.
 *
 *   missing-type              { kind: PluginKind }                       range: the start tag; insert `@type ` after it
 *   wrong-plugin-kind         { name, expected: PluginKind, actual: PluginKind[] }   range: the @type value
 *   unknown-plugin            { kind, name, replacement?: string }       range: the @type value; replace it
 *   deprecated-type-name      { replacement: '@type' }                   range: the key `type`; replace it
 *   missing-required-param    { name, type, list?: string[], section: string }   range: the start tag;
 *                                                                        insert `name ` as a child line
 *   missing-required-section  { name, argument?: string, params: { name, type, list? }[] }   range: the start tag
 *                                                                        of the parent; insert `<name>…</name>`
 *   duplicate-section         { name }                                   range: the second start tag
 *   missing-section-argument  { name, argument }                         range: the start tag
 *   unknown-param             { name, replacement?: string, moveTo?: string }  range: the key; replace the key
 *                                                                        with `replacement` and/or move the line
 *                                                                        into the section `moveTo` (e.g. 'buffer')
 *   unknown-section           { name, replacement?: string }             range: the element name in the start tag
 *                                                                        (also rename the end tag)
 *   deprecated-param          { name, replacement?: string }             range: the key
 *   obsoleted-param           { name }                                   range: the key
 *   invalid-value             { name, replacement?: string, choices?: string[] }   range: the value
 *   surprising-value          { name, value: unknown, replacement?: string }  range: the value; `value` is what
 *                                                                        Fluentd will use, `replacement` the text
 *                                                                        that says what was probably meant
 *   literal-embedded-ruby     { replacement: string }                    range: the value (or argument); replace
 *                                                                        it with `replacement` (double-quoted)
 * Structure checks (duplicate-id, duplicate-label, root-label, label-without-match,
 * undefined-label, worker-*, duplicate-system, buffer-time-without-timekey,
 * flush-interval-with-flush-mode, missing-placeholder, no-named-captures, secondary-nesting,
 * secondary-with-retry-forever) carry
 * `related` ranges where another place explains them; their `data`, when present,
 * is `{ name }` of the offending key or label.
 */

export type Check = (ctx: CheckContext) => Diagnostic[];
