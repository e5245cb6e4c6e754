// fluentd-lint entry point: wires the real process to run(). No logic here.
import { MAX_CONFIG_BYTES } from '../language/read-regular-file';
import { run } from './run';

// `fluentd-lint … | head` closes stdout early: that is not an error worth a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      // `fluentd-lint - < /dev/zero` must end, like a named file over the cap
      if (total > MAX_CONFIG_BYTES) throw new Error(`larger than ${MAX_CONFIG_BYTES >> 20} MiB: not read`);
    }
    return Buffer.concat(chunks);
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // a bug in fluentd-lint itself, not a user error: say so, with the details to report
    process.stderr.write(
      `fluentd-lint: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
