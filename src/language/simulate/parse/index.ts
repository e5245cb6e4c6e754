// The parse half of the simulator: a <parse> section compiled into a parser that gives, for a
// line, what Fluentd 1.16.5 gives (time, record, "pattern not matched", or the error it raises),
// or says plainly what it cannot reproduce. Pure: no vscode, no LSP types.
//
//   const c = compileParse(parseElement, env);
//   if (c.ok) c.parser.parse('2024-03-05T10:11:12Z stdout F hello')   // → ParseOutcome
//   toRubyJson(record)                                                 // → the record as Ruby's to_json writes it
import type { ElementNode } from '../../parser/ast';
import { parse as parseConfig } from '../../parser';
import type { EventTime, ParseOutcome, SimulationEnvironment } from '../types';
import type { ParserEnv } from './base';
import type { LineParser } from './parsers/types';
import { createParser } from './registry';
import { RubyError } from './ruby-error';
import { NotSimulated, ParseConfigError, readSection } from './section';
import { NotSimulatedTime } from './time/time-parser';
import { RegexpTimeout } from './regexp-guard';

export { toRubyJson, rubyFloatToS, parseYajl } from './ruby-json';
export { compileRubyRegexp, regexpParam, type RubyRegexp, type CompiledRegexp } from './ruby-regexp';

export interface CompiledParser {
  /** The parser's @type. */
  readonly type: string;
  /** One text (a line; for multiline, an event's lines joined by \n) → what Fluentd makes of it (its last yield). */
  parse(text: string): ParseOutcome;
  /** Every event the text yields (several only for multiline). */
  parseAll(text: string): ParseOutcome[];
  /** For multiline with format_firstline: whether a line starts an event (in_tail's test). */
  readonly firstline?: (line: string) => boolean;
  /** Configuration warnings (e.g. catastrophic backtracking). */
  readonly warnings: readonly string[];
  /** For a line the parser rejects: where its regexp stopped matching, when that can be told. */
  explain(text: string): string | undefined;
}

export type CompiledParse =
  | { readonly ok: true; readonly parser: CompiledParser }
  /** Fluentd refuses the section; the message as Fluentd writes it (`Class: message`). */
  | { readonly ok: false; readonly configError: string }
  | { readonly ok: false; readonly notSimulated: string };

/** Compiles a `<parse>` element (or any element holding a parser's parameters and `@type`). */
export function compileParse(section: ElementNode, env: SimulationEnvironment): CompiledParse {
  const penv: ParserEnv = { clock: { nowSec: env.now.sec, tz: env.tz }, now: env.now };
  let line: LineParser;
  try {
    const s = readSection(section, env.env);
    const type = s.params.get('@type');
    if (type === undefined) return { ok: false, configError: "Fluent::ConfigError: Missing '@type' parameter on <parse> directive" };
    line = createParser(type, s, penv);
  } catch (err) {
    if (err instanceof ParseConfigError) return { ok: false, configError: `Fluent::ConfigError: ${err.message}` };
    if (err instanceof NotSimulated) return { ok: false, notSimulated: err.message };
    if (err instanceof RubyError) {
      if (err.rubyClass === 'not-simulated') return { ok: false, notSimulated: err.message };
      return { ok: false, configError: err.full };
    }
    throw err;
  }
  const guard = (f: () => ParseOutcome): ParseOutcome => {
    try {
      return f();
    } catch (err) {
      return failure(err);
    }
  };
  const all = 'parseAll' in line ? (line as LineParser & { parseAll(t: string): ParseOutcome[] }).parseAll.bind(line) : undefined;
  const firstRe = 'firstline' in line ? (line as { firstline?: { test(s: string): boolean } }).firstline : undefined;
  return {
    ok: true,
    parser: {
      type: line.type,
      warnings: line.warnings,
      parse: (text) => guard(() => line.parse(text)),
      parseAll: (text) => {
        if (!all) return [guard(() => line.parse(text))];
        try {
          return all(text);
        } catch (err) {
          return [failure(err)];
        }
      },
      firstline: firstRe ? (l) => firstRe.test(l) : undefined,
      explain: (text) => {
        try {
          return line.explain?.(text);
        } catch {
          return undefined;
        }
      },
    },
  };
}

function failure(err: unknown): ParseOutcome {
  if (err instanceof RubyError) {
    if (err.rubyClass === 'not-simulated') return { kind: 'not-simulated', what: err.message };
    return { kind: 'error', message: err.full };
  }
  if (err instanceof NotSimulatedTime) return { kind: 'not-simulated', what: err.message };
  if (err instanceof RegexpTimeout) return { kind: 'not-simulated', what: `stopped: ${err.message}` };
  if (err instanceof RangeError) return { kind: 'not-simulated', what: `input too deeply nested or too large (${err.message})` };
  throw err;
}

/** Compiles the first `<parse>` of a config text (e.g. "<parse>\n@type json\n</parse>"). */
export function compileParseText(text: string, env: SimulationEnvironment): CompiledParse {
  const doc = parseConfig(text).document;
  const el = findParse(doc.children) ?? { kind: 'element', name: 'parse', arg: '', children: doc.children };
  return compileParse(el as ElementNode, env);
}

function findParse(nodes: readonly { kind: string }[]): ElementNode | undefined {
  for (const n of nodes) if (n.kind === 'element' && (n as ElementNode).name === 'parse') return n as ElementNode;
  return undefined;
}

/** A simulation environment with the clock at `nowSec` (whole seconds), for callers that have only that. */
export function environmentAt(nowSec: number, env: Readonly<Record<string, string | undefined>> = {}, tz?: string): SimulationEnvironment {
  const now: EventTime = { sec: nowSec, nsec: 0 };
  return { now, env, tz, hostname: 'localhost' };
}
