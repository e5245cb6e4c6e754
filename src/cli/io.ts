// What the CLI reads and writes through: the process in main.ts, a capture in the tests.
// Its own file so the commands (lint, simulate) can take it without importing run.ts.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin; only called when `-` is given. */
  readStdin(): Promise<Uint8Array>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}
