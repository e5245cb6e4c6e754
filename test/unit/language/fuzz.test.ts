// Seeded fuzzing of the whole language service: the shared corpus mutated thousands
// of times (byte flips, deletions, duplications, steering characters, unicode, line
// splices, truncation, CRLF). Every call must return (no throw) within a generous
// bound — a hang guard, not a speed goal. FUZZ_SEED=<n> replays a run; FUZZ_ITERATIONS
// changes its length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { seedFromEnv } from '../../helpers/prng';
import type { FuzzJob, FuzzMessage } from '../../helpers/fuzz-worker';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 6000);
/** Bound for one call (parse + checks, outline, …) on a corpus-sized file. */
const CALL_BOUND_MS = 2000;
/** No progress for this long means a call hangs: the worker is stopped. */
const HANG_MS = 10_000;

test(`fuzz: ${ITERATIONS} mutated corpus configs through the language service`, { timeout: 120_000 }, async (t) => {
  const seed = seedFromEnv();
  const banner = `fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`;
  console.log(banner);
  t.diagnostic(banner);
  const job: FuzzJob = { seed, iterations: ITERATIONS, boundMs: CALL_BOUND_MS };
  // the worker loads TypeScript through tsx's require hook (a worker's entry script
  // does not go through the --import hooks of the test process)
  const entry = join(__dirname, '..', '..', 'helpers', 'fuzz-worker.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: job });

  let last: Extract<FuzzMessage, { type: 'start' }> | undefined;
  const result = await new Promise<FuzzMessage>((resolve, reject) => {
    let timer = setTimeout(onHang, HANG_MS);
    function onHang() {
      void worker.terminate();
      resolve({
        type: 'failure',
        iteration: last?.iteration ?? -1,
        input: last?.input ?? '',
        applied: last?.applied ?? [],
        call: 'hang',
        ms: HANG_MS,
      });
    }
    worker.on('message', (m: FuzzMessage) => {
      clearTimeout(timer);
      if (m.type === 'start') {
        last = m;
        timer = setTimeout(onHang, HANG_MS);
      } else {
        resolve(m);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0)
        resolve({
          type: 'failure',
          iteration: last?.iteration ?? -1,
          input: last?.input ?? '',
          applied: last?.applied ?? [],
          call: `worker exit ${code}`,
        });
    });
  });
  await worker.terminate();

  if (result.type === 'failure') {
    const file = join(tmpdir(), `fluentd-fuzz-${seed}-${result.iteration}.conf`);
    writeFileSync(file, result.input);
    assert.fail(
      `${banner}: iteration ${result.iteration} (${result.applied.join(', ')}) — ${result.call} ` +
        (result.error ? `threw:\n${result.error}` : `took ${Math.round(result.ms ?? 0)} ms`) +
        `\ninput saved to ${file}`,
    );
  }
  assert.equal(result.type, 'done');
  if (result.type !== 'done') return;
  assert.equal(result.iterations, ITERATIONS);
  assert.ok(result.diagnostics > ITERATIONS, 'mutations produced diagnostics: the fuzzer reaches the error paths');
  const summary = `${result.iterations} inputs, ${result.calls} calls in ${Math.round(result.elapsedMs)} ms; slowest call ${result.maxMs.toFixed(1)} ms (${result.maxCall})`;
  console.log(summary);
  t.diagnostic(summary);
});
