// The one way the language server, fluentd-lint and deploy's config collection read a
// file a workspace names: regular files only, and never more than a cap. A size check
// alone lets /dev/zero, FIFOs and /proc files through (they report size 0), and reading
// one of those to its end never ends. The path is stat'ed first (a FIFO or device is
// not even opened), then opened non-blocking and checked again on the open handle (the
// path may have been swapped in between), and read in chunks up to the cap.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Cap on a config file read for checking or deploying (a ConfigMap holds 1 MiB in all). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

const CHUNK = 64 * 1024;

export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(
    message: string,
    /** not-regular: a directory, device, FIFO or socket; too-large: over the cap; os: the system refused (ENOENT, EACCES…). */
    readonly reason: 'not-regular' | 'too-large' | 'os',
    readonly code?: string,
  ) {
    // an expected outcome (a tree full of links to devices), not a bug: no stack trace to capture
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** "a character device", "a FIFO"… for messages. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}

function notRegular(st: Stats): UnreadableFileError {
  return new UnreadableFileError(`not a regular file (${kindOf(st)}): not read`, 'not-regular');
}

function tooLarge(maxBytes: number): UnreadableFileError {
  return new UnreadableFileError(`larger than ${formatBytes(maxBytes)}: not read`, 'too-large');
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

function osError(err: unknown): UnreadableFileError {
  const e = err as NodeJS.ErrnoException;
  return new UnreadableFileError(e?.message ?? String(err), 'os', typeof e?.code === 'string' ? e.code : undefined);
}

/** The bytes of a regular file of at most `maxBytes`; throws UnreadableFileError otherwise. */
export function readRegularFile(path: string, maxBytes: number = MAX_CONFIG_BYTES): Buffer {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw osError(err);
  }
  if (!st.isFile()) throw notRegular(st);
  if (st.size > maxBytes) throw tooLarge(maxBytes);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, the open does not wait for a writer
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    throw osError(err);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw notRegular(fst);
    if (fst.size > maxBytes) throw tooLarge(maxBytes);
    // the size is a hint only (/proc and /sys files say 0 or 4096): read until the end or the cap
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(fst.size - total, CHUNK), maxBytes + 1 - total);
      const buf = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = readSync(fd, buf, 0, want, null);
      } catch (err) {
        throw osError(err);
      }
      if (n === 0) break;
      chunks.push(n === want ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(maxBytes);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile decoded as UTF-8. */
export function readRegularText(path: string, maxBytes: number = MAX_CONFIG_BYTES): string {
  return readRegularFile(path, maxBytes).toString('utf8');
}

/** Whether `path` is a regular file (following links); false when it cannot be stat'ed. */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
