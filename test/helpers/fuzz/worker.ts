// The fuzz loop in its own process (started by scripts/fuzz.ts through runFuzz): inputs
// [start, start + count) of a seed, each through the language service and fluentd-lint.
// It tells the parent before each input (so a hang names its input) and sends totals
// every 10 inputs and at the end. Bundled by esbuild before it runs, so the code is
// timed as it ships.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../../src/cli/run';
import { nodeFileSystem } from '../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../src/language/service';
import { acceptedButWrong, invalidCases, validConfigs } from '../corpus';
import { fuzzInput } from './inputs';
import { runInput } from './run-input';
import { emptyTotals, record, setGoal, type FuzzJob, type FuzzMessage } from './totals';

const job = JSON.parse(process.env.FUZZ_JOB ?? '{}') as FuzzJob;
setGoal(job.goalMs);
const send = (m: FuzzMessage) => process.send!(m);

async function main(): Promise<void> {
  const corpus = [...validConfigs(), ...invalidCases(), ...acceptedButWrong()].map((c) => c.text);
  mkdirSync(job.tmp, { recursive: true });
  const fifo = join(job.tmp, 'shared.fifo');
  rmSync(fifo, { force: true });
  execFileSync('mkfifo', [fifo]);
  // one long-lived service, as in the server: its caches must stay bounded too
  const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  let totals = emptyTotals();
  const indexes = job.only !== undefined ? [job.only] : Array.from({ length: job.count }, (_, k) => job.start + k);
  for (const i of indexes) {
    send({ type: 'start', index: i });
    const input = fuzzInput(job.seed, i, corpus);
    const outcome = await runInput(input, i, { service, run, dir: join(job.tmp, `in${i}`), fifo, seed: job.seed });
    record(totals, i, input, outcome, process.memoryUsage().rss);
    if (totals.inputs % 10 === 0) {
      send({ type: 'totals', totals });
      totals = emptyTotals();
    }
  }
  send({ type: 'totals', totals });
  send({ type: 'end' });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    send({ type: 'crash', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
