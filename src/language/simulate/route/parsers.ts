// The seam to the parse engine (simulate/parse): a `<parse>` section (or, in v0.12 style, the
// flat `format`, `time_format`, … parameters of the element that would hold it) compiled into
// a function from one input to Fluentd's parse outcome, for in_tail lines and the parser filter.
import { compileParse, compileParseText } from '../parse';
import type { ParseOutcome, SimulationEnvironment } from '../types';
import type { SimElement } from './config';

export type CompiledParser =
  { ok: true; parse: (text: string) => ParseOutcome } | { ok: false; configError?: string; notSimulated?: string };

/** `section`: the `<parse>` element, or the element holding flat parser parameters. */
export type ParserCompiler = (section: SimElement) => CompiledParser;

/** CompatParameters' PARSER_PARAMS: the flat key, and the key it becomes in <parse> (null: converted specially). */
const PARSER_PARAMS: Record<string, string | null> = {
  format: null,
  types: null,
  types_delimiter: null,
  types_label_delimiter: null,
  keys: 'keys',
  time_key: 'time_key',
  time_format: 'time_format',
  localtime: null,
  utc: null,
  delimiter: 'delimiter',
  keep_time_key: 'keep_time_key',
  null_empty_string: 'null_empty_string',
  null_value_pattern: 'null_value_pattern',
  json_parser: 'json_parser',
  label_delimiter: 'label_delimiter',
  format_firstline: 'format_firstline',
  message_key: 'message_key',
  with_priority: 'with_priority',
  message_format: 'message_format',
  rfc5424_time_format: 'rfc5424_time_format',
};

/** A value in single quotes, as the config parser reads it back. */
const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The <parse> section Fluentd builds from flat parameters (compat_parameters_parser), as text;
 * undefined when there are none. Throws a message for what Fluentd refuses.
 */
export function legacyParseSection(holder: SimElement): string | undefined {
  const flat = new Map<string, string>();
  for (const [k, v] of holder.params) if (k in PARSER_PARAMS && v.kind === 'value') flat.set(k, v.text);
  if (!flat.size) return undefined;
  const lines: string[] = [];
  for (const [k, v] of flat) {
    const target = PARSER_PARAMS[k];
    if (target) lines.push(`${target} ${quote(v)}`);
  }
  const format = flat.get('format');
  if (format !== undefined) {
    if (format.startsWith('/') && format.endsWith('/') && format.length > 1)
      lines.push('@type regexp', `expression ${quote(format.slice(1, -1))}`);
    else lines.push(`@type ${quote(format)}`);
  }
  const types = flat.get('types');
  if (types !== undefined) {
    const delimiter = flat.get('types_delimiter') ?? ',';
    const label = flat.get('types_label_delimiter') ?? ':';
    const map: Record<string, string | null> = {};
    for (const pair of types.split(delimiter)) {
      const at = pair.indexOf(label);
      map[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? null : pair.slice(at + label.length);
    }
    lines.push(`types ${quote(JSON.stringify(map))}`);
  }
  if (flat.has('localtime') && flat.has('utc'))
    throw new Error('Fluent::ConfigError: both of utc and localtime are specified, use only one of them');
  const bool = (v: string) => v === '' || v === 'true' || v === 'yes';
  if (flat.has('localtime')) lines.push(`localtime ${bool(flat.get('localtime')!)}`);
  else if (flat.has('utc')) lines.push(`localtime ${!bool(flat.get('utc')!)}`);
  return `<parse>\n${lines.map((l) => `  ${l}`).join('\n')}\n</parse>\n`;
}

/** The parse engine, with the run's clock, environment and time zone. */
export function parseEngine(env: SimulationEnvironment): ParserCompiler {
  return (section) => {
    let c;
    if (section.name === 'parse') c = compileParse(section.node, env);
    else {
      let text: string | undefined;
      try {
        text = legacyParseSection(section);
      } catch (e) {
        return { ok: false, configError: (e as Error).message };
      }
      c = text === undefined ? compileParse(section.node, env) : compileParseText(text, env);
    }
    if (c.ok) return { ok: true, parse: (text) => c.parser.parse(text) };
    return 'configError' in c ? { ok: false, configError: c.configError } : { ok: false, notSimulated: c.notSimulated };
  };
}
