// Runs a function of a module in a worker thread and says whether it finished within a bound.
// A hang guard, not a speed goal: a synchronous loop (a backtracking regexp on a huge line)
// cannot be stopped from its own thread, so the test would hang instead of failing. The bound
// is set orders of magnitude above the normal run time; speed itself is measured in the bench.
import { Worker } from 'node:worker_threads';

export interface Finished<T> {
  finished: boolean;
  result?: T;
  error?: string;
}

export function finishesWithin<T>(modulePath: string, exportName: string, args: unknown[], boundMs: number): Promise<Finished<T>> {
  const code = `
    require('tsx/cjs');
    const { parentPort, workerData } = require('node:worker_threads');
    try {
      const fn = require(workerData.modulePath)[workerData.exportName];
      parentPort.postMessage({ finished: true, result: fn(...workerData.args) });
    } catch (err) {
      parentPort.postMessage({ finished: true, error: String(err && err.stack || err) });
    }`;
  const worker = new Worker(code, { eval: true, workerData: { modulePath, exportName, args } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ finished: false });
    }, boundMs);
    worker.once('message', (m: Finished<T>) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
