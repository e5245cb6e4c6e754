// `fluentd-lint simulate`: runs the simulator on cases read from stdin, one JSON object a line, and
// writes one JSON line per case in the oracle's format (see ../shared/oracle/README.md).
//   --parse      parse cases {"id","parse":"<parse>…</parse>","lines":[…]} (simulate-parse.ts)
//   (no --parse) routing cases {"id","config","events"|"tail"} (simulate-route.ts, handed in by run.ts)
//   --now EPOCH  the clock for time-less records and year-less formats (default: the real clock)
// Exit 0 when it ran, 2 on unusable input (message on stderr).
import type { CliIo } from './io';
import { runParseCases } from './simulate-parse';
import type { SimulateMode, SimulateOptions } from './simulate-options';

export type { SimulateMode, SimulateOptions } from './simulate-options';

const USAGE = 'usage: fluentd-lint simulate [--parse] [--now EPOCH] < cases.jsonl';

export async function runSimulate(argv: readonly string[], io: CliIo, routeMode?: SimulateMode): Promise<number> {
  const options: SimulateOptions = { parse: false, now: Math.floor(Date.now() / 1000) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--parse') options.parse = true;
    else if (a === '--now' || a.startsWith('--now=')) {
      const v = a === '--now' ? argv[++i] : a.slice(6);
      if (v === undefined || !/^-?\d+$/.test(v)) {
        io.stderr(`fluentd-lint simulate: --now needs whole seconds since the epoch (got '${v ?? ''}')\n${USAGE}\n`);
        return 2;
      }
      options.now = Number(v);
    } else if (a === '-h' || a === '--help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else {
      io.stderr(`fluentd-lint simulate: unknown argument '${a}'\n${USAGE}\n`);
      return 2;
    }
  }
  let input: string;
  try {
    input = new TextDecoder('utf-8', { fatal: false }).decode(await io.readStdin());
  } catch (err) {
    io.stderr(`fluentd-lint simulate: cannot read stdin: ${(err as Error).message}\n`);
    return 2;
  }
  if (options.parse) return runParseCases(input, options, io);
  if (routeMode) return routeMode(input, options, io);
  io.stderr('fluentd-lint simulate: routing simulation is not available in this build; use --parse\n');
  return 2;
}
