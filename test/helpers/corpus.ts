// Loads the shared corpus (../shared/corpus beside the repository root): the real
// configs with Fluentd's verdicts, the invalid cases with Fluentd's exact error,
// and the accepted-but-wrong configs. Tests and benches read it through here.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: the folder above test/helpers. */
export const repoRoot = resolve(__dirname, '..', '..');
/** The shared material is the repository root's sibling. */
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const corpusRoot = join(sharedRoot, 'corpus');

export interface ValidConfig {
  /** Path under corpus/valid/. */
  name: string;
  path: string;
  verdict: 'ok' | 'skip' | 'error';
  /** Why Fluentd skipped or refused it (third column), '' for ok. */
  reason: string;
  text: string;
}

export interface InvalidCase {
  name: string;
  path: string;
  /** Fluentd's verdict exactly as in invalid.tsv. */
  verdict: string;
  text: string;
}

/** Fluentd's "MESSAGE at FILE line N,C" for a parse error: N 1-based, C a 0-based byte column. */
export interface FluentdParseError {
  message: string;
  line: number;
  column: number;
}

export function corpusAvailable(): boolean {
  return existsSync(join(corpusRoot, 'verdicts.tsv'));
}

/** Rows of a corpus .tsv, without comment lines. */
export function readTsv(name: string): string[][] {
  const text = readFileSync(join(corpusRoot, name), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function validConfigs(): ValidConfig[] {
  return readTsv('verdicts.tsv').map(([name, verdict, reason = '']) => {
    const path = join(corpusRoot, 'valid', name);
    return { name, path, verdict: verdict as ValidConfig['verdict'], reason, text: readFileSync(path, 'utf8') };
  });
}

export function invalidCases(): InvalidCase[] {
  return readTsv('invalid.tsv').map(([name, verdict]) => {
    const path = join(corpusRoot, 'invalid', name);
    return { name, path, verdict, text: readFileSync(path, 'utf8') };
  });
}

export function acceptedButWrong(): { name: string; path: string; verdict: string; problem: string; text: string }[] {
  return readTsv('accepted-but-wrong.tsv').map(([name, verdict, problem = '']) => {
    const path = join(corpusRoot, 'accepted-but-wrong', name);
    return { name, path, verdict, problem, text: readFileSync(path, 'utf8') };
  });
}

/** The message and position of a `parse: … at FILE line N,C` verdict, or undefined. */
export function fluentdParseError(verdict: string): FluentdParseError | undefined {
  const m = /^parse: (.*) at \S+ line (\d+),(\d+)$/.exec(verdict);
  if (!m) return undefined;
  return { message: m[1], line: Number(m[2]), column: Number(m[3]) };
}
