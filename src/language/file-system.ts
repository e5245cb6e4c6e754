// The file access the language service needs (for @include), behind an interface so
// the service stays pure: the LSP server and CLI pass the Node implementation, tests
// may pass an in-memory one built from real files.

import type { GlobBudget } from './glob';

export interface FileSystem {
  /** Absolute paths matching a Ruby-style glob (absolute pattern), sorted like Dir.glob(...).sort; throws GlobLimitError past the glob limits or `budget` (shared by the globs of one request; see glob.ts). */
  glob(pattern: string, budget?: GlobBudget): string[];
  /** The text of a regular file (never a device or FIFO), undefined when it cannot or should not be read. */
  readFile(path: string): string | undefined;
  /** Size in bytes without reading the file (undefined when unknown); lets the root search skip huge files. */
  size?(path: string): number | undefined;
}
