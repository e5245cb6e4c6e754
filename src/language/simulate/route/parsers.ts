// The seam to the parse engine (simulate/parse): a `<parse>` section (or the element holding
// a parser's flat parameters) compiled into a function from one input to Fluentd's parse
// outcome, for in_tail lines and the parser filter.
import { compileParse } from '../parse';
import type { ParseOutcome, SimulationEnvironment } from '../types';
import type { SimElement } from './config';

export type CompiledParser =
  { ok: true; parse: (text: string) => ParseOutcome } | { ok: false; configError?: string; notSimulated?: string };

export type ParserCompiler = (section: SimElement) => CompiledParser;

/** The parse engine, with the run's clock, environment and time zone. */
export function parseEngine(env: SimulationEnvironment): ParserCompiler {
  return (section) => {
    const c = compileParse(section.node, env);
    if (c.ok) return { ok: true, parse: (text) => c.parser.parse(text) };
    return 'configError' in c ? { ok: false, configError: c.configError } : { ok: false, notSimulated: c.notSimulated };
  };
}
