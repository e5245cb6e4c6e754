// multi_format (fluent-plugin-multi-format-parser, in the daemonset images): each <pattern> in
// order; the first that yields a time and a record wins; errors are swallowed.
import type { ParseOutcome } from '../../types';
import type { ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import type { Section } from '../section';
import { NOMATCH, type LineParser } from './types';

export function multiFormatParser(section: Section, env: ParserEnv, make: (type: string, s: Section) => LineParser): LineParser {
  void env;
  const formatKey = section.params.get('format_key');
  // Ruby precedence: `names << e.delete('format_name') || default` pushes nil when there is no format_name
  const parsers: { p: LineParser; name: string | null }[] = [];
  section.sections.forEach((e, i) => {
    if (e.name !== 'pattern' && e.name !== 'format') return;
    const format = e.params.get('format');
    if (format === undefined && e.params.get('@type') === 'multi_format') return;
    if (format === undefined) throw new RubyError('NoMethodError', "undefined method `[]' for nil:NilClass");
    const name = e.params.get('format_name');
    void i;
    parsers.push({ p: make(format, e), name: name ?? null });
  });
  return {
    type: 'multi_format',
    warnings: parsers.flatMap((x) => x.p.warnings),
    parse(text: string): ParseOutcome {
      for (const { p, name } of parsers) {
        let r: ParseOutcome;
        try {
          r = p.parse(text);
        } catch (err) {
          if (err instanceof RubyError && err.rubyClass !== 'not-simulated') continue;
          throw err;
        }
        if (r.kind === 'not-simulated') return r;
        if (r.kind === 'record' && r.time !== null) {
          if (formatKey !== undefined) r.record[formatKey] = name;
          return r;
        }
        if (r.kind === 'value' && r.time !== null) {
          if (formatKey !== undefined) return { kind: 'not-simulated', what: `format_key on a JSON value that is not an object` };
          return r;
        }
      }
      return NOMATCH;
    },
  };
}
