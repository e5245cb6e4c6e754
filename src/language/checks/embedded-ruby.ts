// `#{…}` is evaluated only inside double quotes. Unquoted or single-quoted, Fluentd
// keeps the text literally (region `#{ENV['AWS_REGION']}` is that string, not the
// region) and starts without a word — so warn and offer the double-quoted form.
import type { Node } from '../parser/ast';
import type { Diagnostic, Range } from '../types';
import type { Check } from './check';
import { allElements, diag, topLevel } from './util';

const EMBEDDED = /#\{[^}]*\}/;

/**
 * The value written in double quotes so Fluentd evaluates it: backslashes and quotes
 * are escaped outside `#{…}`; the Ruby code inside is kept as written.
 */
export function doubleQuoted(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/#\{[^}]*\}/g)) {
    out += escape(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return `"${out + escape(text.slice(last))}"`;
}

function escape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export const embeddedRubyCheck: Check = (ctx) => {
  const out: Diagnostic[] = [];
  const report = (range: Range, text: string, where: string, quote: string) =>
    out.push(
      diag(
        range,
        'warning',
        'literal-embedded-ruby',
        `${where} contains #{…} outside double quotes: Fluentd keeps it literally (${quote}). Write it in double quotes to have it evaluated.`,
        { replacement: doubleQuoted(text) },
      ),
    );
  const visit = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (n.kind !== 'param' || !n.value) continue;
      const v = n.value;
      if ((v.style === 'none' || v.style === 'single') && EMBEDDED.test(v.text)) {
        report(
          v.range,
          v.text,
          `The value of '${n.key}'`,
          v.style === 'single' ? 'single quotes never evaluate' : 'unquoted values never evaluate',
        );
      }
    }
  };
  visit(topLevel(ctx));
  for (const e of allElements(ctx)) {
    visit(e.children);
    // an unquoted element argument is literal too (`<match #{…}>`); a quoted one is evaluated
    if (e.argRange && !e.arg.startsWith('"') && EMBEDDED.test(e.arg)) {
      report(e.argRange, e.arg, `The argument of <${e.name}>`, 'unquoted arguments never evaluate');
    }
  }
  return out;
};
