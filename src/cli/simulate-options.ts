// The options of `fluentd-lint simulate` and the shape of a mode (parse, routing), in a file of
// their own so the modes take them without importing the dispatcher (simulate.ts).
import type { CliIo } from './io';

export interface SimulateOptions {
  parse: boolean;
  /** Seconds since the epoch. */
  now: number;
}

export type SimulateMode = (input: string, options: SimulateOptions, io: CliIo) => number;
