// `fluentd-lint simulate` (routing mode): routing cases in, the oracle's routing results out —
// {"id","outputs":[{match,type,id,tag,time,record}],"unmatched":N,"errors":[…]} per case, or
// {"id","config_error":"…"}. Config paths are relative to the working directory; the process
// environment and TZ apply as they do for Fluentd. Where the engine stops short, the line says
// so in "not_simulated" (steps it did not reproduce) and "stopped" (the budget ran out).
import { hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { nodeFileSystem } from '../language/node-file-system';
import { parseYajl, toRubyJson } from '../language/simulate/parse';
import { buildSimulation, type Simulation } from '../language/simulate/route/build';
import { DEFAULT_BUDGET, runRoute, type RouteInput } from '../language/simulate/route/engine';
import { loadConfigTree } from '../language/simulate/route/load';
import type { RouteResult } from '../language/simulate/route/types';
import type { EventRecord, SimulationEnvironment } from '../language/simulate/types';
import type { CliIo } from './io';
import type { SimulateOptions } from './simulate-options';

interface RouteCase {
  id: unknown;
  config: string;
  input: RouteInput;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The cases of the input, or the reason it is unusable. */
export function readRouteCases(input: string, now: number): RouteCase[] | string {
  const cases: RouteCase[] = [];
  const lines = input.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n].trim();
    if (text === '') continue;
    const parsed = parseYajl(text);
    const where = `line ${n + 1}`;
    if (!parsed.ok) return `${where}: not usable JSON (${'error' in parsed ? parsed.error : parsed.notSimulated})`;
    const c = parsed.value as unknown;
    if (!isObject(c)) return `${where}: a case must be a JSON object`;
    if (typeof c.config !== 'string' || c.config === '') return `${where}: "config" must be the path of a config file`;
    const id = c.id ?? null;
    if (Array.isArray(c.events)) {
      const events: Extract<RouteInput, { kind: 'events' }>['events'][number][] = [];
      for (const [i, e] of c.events.entries()) {
        if (!isObject(e) || typeof e.tag !== 'string' || !isObject(e.record))
          return `${where}: events[${i}] needs a "tag" (string) and a "record" (object)`;
        if (e.time !== undefined && e.time !== null && typeof e.time !== 'number')
          return `${where}: events[${i}].time must be seconds since the epoch`;
        if (e.label !== undefined && typeof e.label !== 'string') return `${where}: events[${i}].label must be a string`;
        if (e.source !== undefined && typeof e.source !== 'string') return `${where}: events[${i}].source must be a source's @id`;
        events.push({
          tag: e.tag,
          time: { sec: typeof e.time === 'number' ? Math.trunc(e.time) : now, nsec: 0 },
          record: e.record as EventRecord,
          ...(typeof e.label === 'string' ? { label: e.label } : {}),
          ...(typeof e.source === 'string' ? { source: e.source } : {}),
        });
      }
      cases.push({ id, config: c.config, input: { kind: 'events', events } });
    } else if (isObject(c.tail)) {
      const t = c.tail;
      if (typeof t.path !== 'string') return `${where}: tail.path must be a string`;
      if (!Array.isArray(t.lines) || !t.lines.every((l) => typeof l === 'string'))
        return `${where}: tail.lines must be an array of strings`;
      if (t.source !== undefined && typeof t.source !== 'number' && typeof t.source !== 'string')
        return `${where}: tail.source must be an index or an @id`;
      const source = typeof t.source === 'number' || typeof t.source === 'string' ? t.source : undefined;
      cases.push({
        id,
        config: c.config,
        input: { kind: 'tail', path: t.path, lines: t.lines as string[], ...(source !== undefined ? { source } : {}) },
      });
    } else return `${where}: a case needs "events" (an array) or "tail" (an object)`;
  }
  return cases;
}

const MAX_MESSAGE = 300; // the oracle keeps the first 300 characters of a config error

/** One result line in the oracle's format. */
export function resultLine(id: unknown, r: RouteResult | { configError: string }): string {
  const idJson = toRubyJson(id as never);
  if ('configError' in r) return `{"id":${idJson},"config_error":${toRubyJson(r.configError.slice(0, MAX_MESSAGE))}}`;
  const outputs = r.deliveries.map(
    (d) =>
      `{"match":${toRubyJson(d.match)},"type":${toRubyJson(d.type)},"id":${toRubyJson(d.id)},"tag":${toRubyJson(d.tag)},"time":[${d.time.sec},${d.time.nsec}],"record":${toRubyJson(d.record)}}`,
  );
  let line = `{"id":${idJson},"outputs":[${outputs.join(',')}],"unmatched":${r.unmatched.length},"errors":${toRubyJson(r.warnings)}`;
  if (r.notSimulated.length)
    line += `,"not_simulated":${toRubyJson(r.notSimulated.map((n) => (n.ref ? `${n.what} (${n.ref.title})` : n.what)))}`;
  if (r.stopped) line += `,"stopped":${toRubyJson(r.stopped.message)}`;
  return `${line}}`;
}

export function runRouteCases(input: string, options: SimulateOptions, io: CliIo): number {
  const cases = readRouteCases(input, options.now);
  if (typeof cases === 'string') {
    io.stderr(`fluentd-lint simulate: unusable input: ${cases}\n`);
    return 2;
  }
  const env: SimulationEnvironment = {
    now: { sec: options.now, nsec: 0 },
    env: io.env,
    tz: io.env.TZ || undefined,
    hostname: io.env.HOSTNAME ?? hostname(),
  };
  // one simulation per config file: the cases of a file share it (filters keep no state across runs)
  const sims = new Map<string, Simulation | { configError: string }>();
  for (const c of cases) {
    const path = isAbsolute(c.config) ? c.config : join(io.cwd, c.config);
    let sim = sims.get(path);
    if (!sim) {
      const tree = loadConfigTree(path, nodeFileSystem, env.env);
      sim = tree ? buildSimulation(tree, { env }) : { configError: `Errno::ENOENT: No such file or directory @ rb_sysopen - ${c.config}` };
      sims.set(path, sim);
    }
    const result = 'root' in sim ? runRoute(sim, c.input, { budget: DEFAULT_BUDGET }) : sim;
    io.stdout(`${resultLine(c.id, result)}\n`);
  }
  return 0;
}
