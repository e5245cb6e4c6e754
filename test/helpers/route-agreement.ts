// Routing results compared as the issue defines agreement with real Fluentd: the same multiset
// of (match pattern, output type, @id, tag, time, record as the output receives it) and the same
// count of unmatched events; two config errors agree. Records compare as JSON values with their
// Ruby types (1.0 is not 1), key order aside.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type CliIo } from '../../src/cli/run';
import { parseYajl, toRubyJson } from '../../src/language/simulate/parse';
import type { RecordValue } from '../../src/language/simulate/types';
import { repoRoot } from './corpus';

export const ROUTE_FIXTURES = join(repoRoot, 'test/fixtures/simulate-route');

/** Keys sorted, numbers as Ruby wrote them: equal texts are equal values with equal types. */
export function canonical(v: RecordValue): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object' && v.constructor === Object) {
    const o = v as Record<string, RecordValue>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return toRubyJson(v);
}

export function readJsonl(text: string): Record<string, RecordValue>[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = parseYajl(l);
      if (!r.ok) throw new Error(`unreadable line: ${l.slice(0, 80)}`);
      return r.value as Record<string, RecordValue>;
    });
}

function outputsKey(line: Record<string, RecordValue>): string {
  const outs = (line.outputs as Record<string, RecordValue>[]).map((o) => canonical([o.match, o.type, o.id, o.tag, o.time, o.record]));
  return `${outs.sort().join('\n')}\nunmatched:${String(line.unmatched)}`;
}

/** Whether one case's result agrees with Fluentd's. */
export function agrees(expected: Record<string, RecordValue>, actual: Record<string, RecordValue> | undefined): boolean {
  if (!actual) return false;
  if ('config_error' in expected || 'config_error' in actual) return 'config_error' in expected && 'config_error' in actual;
  return outputsKey(expected) === outputsKey(actual);
}

/** The fixture folder's recorded environment (what record.sh gave Fluentd). */
export function fixtureEnv(): { env: Record<string, string>; now: number } {
  const e = JSON.parse(readFileSync(join(ROUTE_FIXTURES, 'env.json'), 'utf8')) as { env: Record<string, string>; now: number };
  // ${hostname} placeholders saw the recording machine's name
  return { env: { ...e.env, HOSTNAME: 'vm' }, now: e.now };
}

/** Runs `fluentd-lint simulate` in-process on a cases file of the fixture folder; the result lines by id. */
export async function simulateCases(casesText: string, cwd = ROUTE_FIXTURES): Promise<Map<string, Record<string, RecordValue>>> {
  const { env, now } = fixtureEnv();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => new TextEncoder().encode(casesText),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd,
  };
  const code = await run(['simulate', '--now', String(now)], io);
  if (code !== 0) throw new Error(`simulate exited ${code}: ${err.join('')}`);
  return new Map(readJsonl(out.join('')).map((l) => [String(l.id), l]));
}
