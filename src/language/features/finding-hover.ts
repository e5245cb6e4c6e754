// The explanation of a finding whose message is only the short fact (the routing
// findings: why no <match> catches a source, why no event reaches a filter), put first in
// the hover over the finding's range.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Diagnostic, Position } from '../types';
import { containsPosition } from '../types';

export function withExplanations(base: Hover | null, findings: readonly Diagnostic[], pos: Position): Hover | null {
  const here = findings.filter((d) => d.explanation && containsPosition(d.range, pos));
  if (!here.length) return base;
  const text = here.map((d) => `**${escapeMd(d.message)}** \`${d.code}\`\n\n${d.explanation}`).join('\n\n---\n\n');
  if (!base) return { contents: { kind: MarkupKind.Markdown, value: text }, range: here[0].range };
  const value = typeof base.contents === 'object' && 'kind' in base.contents ? base.contents.value : '';
  // the why of the squiggle under the cursor first: that is what the user hovers it for
  return { ...base, contents: { kind: MarkupKind.Markdown, value: value ? `${text}\n\n---\n\n${value}` : text } };
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}
