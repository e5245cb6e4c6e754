// `fluentd-lint simulate --parse`: parse cases in, the oracle's parse results out. Records are
// written as Ruby's to_json writes them, so the output compares with recorded Fluentd results
// line for line. A result this engine cannot reproduce is {"not_simulated": "why"}.
import { compileParseText, toRubyJson } from '../language/simulate/parse';
import type { ParseOutcome, SimulationEnvironment } from '../language/simulate/types';
import type { CliIo } from './io';
import type { SimulateOptions } from './simulate-options';

interface ParseCase {
  id: unknown;
  parse: string;
  lines: string[];
}

/** The cases of the input, or the reason it is unusable. */
export function readParseCases(input: string): ParseCase[] | string {
  const cases: ParseCase[] = [];
  const lines = input.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n].trim();
    if (text === '') continue;
    let c: unknown;
    try {
      c = JSON.parse(text);
    } catch (err) {
      return `line ${n + 1}: not JSON (${(err as Error).message})`;
    }
    const o = c as Partial<ParseCase> | null;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return `line ${n + 1}: a case must be a JSON object`;
    if (typeof o.parse !== 'string') return `line ${n + 1}: "parse" must be a string holding a <parse> section`;
    if (!Array.isArray(o.lines) || !o.lines.every((l) => typeof l === 'string'))
      return `line ${n + 1}: "lines" must be an array of strings`;
    cases.push({ id: o.id ?? null, parse: o.parse, lines: o.lines });
  }
  return cases;
}

const MAX_MESSAGE = 300; // the oracle keeps the first 300 characters of an error

function resultJson(o: ParseOutcome): string {
  switch (o.kind) {
    case 'record':
    case 'value':
      return `{"time":${o.time ? `[${o.time.sec},${o.time.nsec}]` : 'null'},"record":${toRubyJson(o.kind === 'record' ? o.record : o.value)}}`;
    case 'nomatch':
      return '{"nomatch":true}';
    case 'error':
      return `{"error":${toRubyJson(o.message.slice(0, MAX_MESSAGE))}}`;
    default:
      return `{"not_simulated":${toRubyJson(o.what)}}`;
  }
}

/**
 * Time one case's lines may take together. A regexp that backtracks catastrophically stops after
 * its own limit on each line; without this a case of many such lines would still run for minutes.
 */
export const PARSE_CASE_BUDGET_MS = 10_000;

export function runParseCases(input: string, options: SimulateOptions, io: CliIo, budgetMs = PARSE_CASE_BUDGET_MS): number {
  const cases = readParseCases(input);
  if (typeof cases === 'string') {
    io.stderr(`fluentd-lint simulate: unusable input: ${cases}\n`);
    return 2;
  }
  const env: SimulationEnvironment = {
    now: { sec: options.now, nsec: 0 },
    env: io.env,
    tz: io.env.TZ || undefined,
    hostname: io.env.HOSTNAME ?? 'localhost',
  };
  for (const c of cases) {
    const id = JSON.stringify(c.id);
    const compiled = compileParseText(c.parse, env);
    if (!compiled.ok) {
      if ('configError' in compiled) io.stdout(`{"id":${id},"config_error":${toRubyJson(compiled.configError.slice(0, MAX_MESSAGE))}}\n`);
      else io.stdout(`{"id":${id},"not_simulated":${toRubyJson(compiled.notSimulated)}}\n`);
      continue;
    }
    const deadline = performance.now() + budgetMs;
    const results = c.lines.map((line, n) =>
      performance.now() > deadline
        ? `{"not_simulated":${toRubyJson(`stopped: this case's lines took longer than ${budgetMs} ms together; line ${n + 1} and those after it were not run`)}}`
        : resultJson(compiled.parser.parse(line)),
    );
    io.stdout(`{"id":${id},"results":[${results.join(',')}]}\n`);
  }
  return 0;
}
