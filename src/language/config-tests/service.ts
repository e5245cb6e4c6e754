// The language service of config test files (*.fluent-test.yaml): diagnostics (YAML and format
// errors, names the config does not have), completion (keys of the format; source and output
// @ids, labels and files of the config under test), hover (what a key means, what a name
// refers to), go to definition (a name → its element in the config), and the Test Explorer's
// discovery and runs. Plain data in and out; the LSP side converts (features/config-tests.ts).
import { dirname } from 'node:path';
import type { FileSystem } from '../file-system';
import { ParseCache, type OpenDocument } from '../includes/host';
import type { Diagnostic, Position, Range } from '../types';
import { pathToUri, uriToPath } from '../uri';
import { configNames, type ConfigNames, type NamedElement } from './config-names';
import { editorTestHost } from './host';
import type { Located, TestFile } from './model';
import { readTestFile, MAX_TEST_FILE_BYTES } from './read';
import {
  MAX_KUBE_BYTES,
  prepareFile,
  resolvePath,
  runPrepared,
  type PreparedFile,
  type RunOptions,
  type TestHost,
  type TestResult,
} from './run';
import { TEST_FILE, type Property, type Shape } from './spec';
import { yamlContextAt, type PathPart } from './yaml-path';

export interface TestCompletionItem {
  label: string;
  kind: 'property' | 'value' | 'reference' | 'file' | 'snippet';
  detail?: string;
  documentation?: string;
  /** Snippet syntax when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  range: Range;
}

export interface DiscoveredTest {
  name: string;
  index: number;
  range: Range;
}

export interface Discovery {
  tests: DiscoveredTest[];
  /** The config under test, for the Test Explorer's "re-run on change". */
  configPath?: string;
  problems: Diagnostic[];
}

export interface FileRun {
  problems: Diagnostic[];
  results: TestResult[];
}

export class ConfigTestService {
  private readonly parseCache = new ParseCache();
  private readonly files = new Map<string, { text: string; file: TestFile }>();

  constructor(
    private readonly fileSystem: FileSystem | undefined,
    private readonly openDocuments: () => Iterable<OpenDocument>,
  ) {}

  private read(uri: string, text: string): TestFile {
    const hit = this.files.get(uri);
    if (hit && hit.text === text) return hit.file;
    const file = text.length > MAX_TEST_FILE_BYTES ? tooLarge() : readTestFile(text);
    if (this.files.size >= 64) this.files.delete(this.files.keys().next().value as string);
    this.files.set(uri, { text, file });
    return file;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  private host(): TestHost | undefined {
    return this.fileSystem ? editorTestHost(this.fileSystem, this.openDocuments(), this.parseCache, MAX_KUBE_BYTES) : undefined;
  }

  private prepare(uri: string, file: TestFile): { prepared?: PreparedFile; names?: ConfigNames } {
    const path = uriToPath(uri);
    const host = this.host();
    if (!path || !host || !file.config) return {};
    const prepared = prepareFile(file, path, host);
    if (prepared.ok) return { prepared, names: prepared.names };
    // the config may still be readable (an error in the test file itself): names for completion
    const tree = host.loadConfig(resolvePath(path, file.config.value));
    return { prepared, names: tree ? configNames(tree) : undefined };
  }

  diagnostics(uri: string, text: string): Diagnostic[] {
    const file = this.read(uri, text);
    const out: Diagnostic[] = file.problems.map(toDiagnostic);
    if (file.problems.some((p) => p.severity === 'error')) return out;
    const { prepared, names } = this.prepare(uri, file);
    if (prepared && !prepared.ok) out.push(...prepared.problems.map(toDiagnostic));
    if (names) out.push(...referenceProblems(file, names));
    return out;
  }

  discover(uri: string, text: string): Discovery {
    const file = this.read(uri, text);
    const path = uriToPath(uri);
    return {
      tests: file.tests.map((t) => ({ name: t.name, index: t.index, range: t.nameRange })),
      ...(path && file.config ? { configPath: resolvePath(path, file.config.value) } : {}),
      problems: file.problems.filter((p) => p.severity === 'error').map(toDiagnostic),
    };
  }

  run(uri: string, text: string, options: RunOptions = {}): FileRun {
    const file = this.read(uri, text);
    const { prepared } = this.prepare(uri, file);
    if (!prepared)
      return {
        problems: [problem(file.config?.range, 'The test file needs a `config` (and the language server file access).')],
        results: [],
      };
    if (!prepared.ok) return { problems: prepared.problems.map(toDiagnostic), results: [] };
    return { problems: [], results: runPrepared(prepared, options) };
  }

  completion(uri: string, text: string, pos: Position): TestCompletionItem[] {
    const ctx = yamlContextAt(text, pos);
    const range: Range = { start: { line: pos.line, character: ctx.start }, end: pos };
    let shape = shapeAt(ctx.path);
    if (ctx.mode === 'item' && shape?.kind === 'object') ctx.mode = 'key';
    if (!shape) return [];
    if (ctx.mode === 'key') return keyItems(shape, ctx.path, range);
    if (ctx.mode === 'value') {
      const prop = propertyOf(shape, ctx.key ?? '');
      if (!prop) return [];
      shape = prop;
    }
    return this.valueItems(uri, text, shape, range, ctx.prefix);
  }

  private valueItems(uri: string, text: string, shape: Shape, range: Range, prefix: string): TestCompletionItem[] {
    if (shape.kind === 'oneOf' && prefix.trimStart().startsWith('{')) return conditionItems(range, prefix);
    if (shape.kind === 'oneOf' && shape.options.some((o) => o.kind === 'object' && 'equals' in o.properties))
      return conditionItems(range, '');
    if (shape.kind === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value', insertText: v, range }));
    if (shape.kind !== 'string' || !shape.ref) return [];
    if (shape.ref === 'file') return this.fileItems(uri, range);
    const { names } = this.prepare(uri, this.read(uri, text));
    if (!names) return [];
    if (shape.ref === 'label')
      return names.labels.map((l) => ({ label: l, kind: 'reference', detail: 'label', insertText: quoted(l), range }));
    const list = shape.ref === 'source' ? names.sources.filter((s) => s.id) : names.outputs;
    const items: TestCompletionItem[] = [];
    for (const el of list) {
      if (el.id)
        items.push({ label: el.id, kind: 'reference', detail: el.title, documentation: where(el), insertText: quoted(el.id), range });
      else if (shape.ref === 'output' && el.pattern)
        items.push({
          label: el.pattern,
          kind: 'reference',
          detail: `${el.title} (no @id)`,
          documentation: where(el),
          insertText: quoted(el.pattern),
          range,
        });
    }
    return dedupe(items);
  }

  private fileItems(uri: string, range: Range): TestCompletionItem[] {
    const path = uriToPath(uri);
    if (!path || !this.fileSystem) return [];
    const dir = dirname(path).replace(/\\/g, '/');
    const found = [
      ...this.fileSystem.glob(`${dir}/*.conf`),
      ...this.fileSystem.glob(`${dir}/../*.conf`),
      ...this.fileSystem.glob(`${dir}/*.json`),
    ];
    return found.slice(0, 100).map((f) => {
      const rel = f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : `../${f.slice(dirname(dir).length + 1)}`;
      return { label: rel, kind: 'file', insertText: rel, range };
    });
  }

  hover(uri: string, text: string, pos: Position): { markdown: string; range: Range } | null {
    const line = text.split('\n')[pos.line] ?? '';
    const m = /^(\s*(?:-\s+)*)([A-Za-z_$][\w$.[\]'"-]*)\s*:/.exec(line);
    if (m && pos.character >= m[1].length && pos.character <= m[1].length + m[2].length) {
      const ctx = yamlContextAt(text, { line: pos.line, character: line.length });
      const shape = shapeAt(ctx.path);
      const key = m[2];
      const prop = shape?.kind === 'object' ? shape.properties[key] : undefined;
      const range = { start: { line: pos.line, character: m[1].length }, end: { line: pos.line, character: m[1].length + key.length } };
      if (prop) return { markdown: `**${key}**: ${prop.description}`, range };
      if (ctx.path[ctx.path.length - 1] === 'fields')
        return { markdown: `Condition on the record field \`${key}\` as the output receives it.`, range };
      return null;
    }
    const ref = this.referenceAt(uri, text, pos);
    return ref ? { markdown: `\`${ref.el.title}\`${ref.el.id ? ` (@id ${ref.el.id})` : ''}\n\n${where(ref.el)}`, range: ref.range } : null;
  }

  definition(uri: string, text: string, pos: Position): { uri: string; range: Range }[] {
    const ref = this.referenceAt(uri, text, pos);
    if (ref) return [{ uri: ref.el.uri, range: ref.el.range }];
    const file = this.read(uri, text);
    const path = uriToPath(uri);
    if (file.config && path && inside(file.config.range, pos)) {
      const target = resolvePath(path, file.config.value);
      return [{ uri: pathToUri(target), range: zero }];
    }
    return [];
  }

  /** The config element a source or output name at the position refers to. */
  private referenceAt(uri: string, text: string, pos: Position): { el: NamedElement; range: Range } | undefined {
    const file = this.read(uri, text);
    const refs: { l: Located<string>; kind: 'source' | 'output' }[] = [];
    for (const t of file.tests) {
      for (const i of t.inputs) if (i.source) refs.push({ l: i.source, kind: 'source' });
      for (const x of t.expect) refs.push({ l: x.output, kind: 'output' });
      for (const o of t.noOutputFrom) refs.push({ l: o, kind: 'output' });
    }
    const hit = refs.find((r) => inside(r.l.range, pos));
    if (!hit) return undefined;
    const { names } = this.prepare(uri, file);
    if (!names) return undefined;
    const list = hit.kind === 'source' ? names.sources : names.outputs;
    const el = list.find((e) => e.id === hit.l.value) ?? (hit.kind === 'output' ? list.find((e) => e.pattern === hit.l.value) : undefined);
    return el ? { el, range: hit.l.range } : undefined;
  }
}

function tooLarge(): TestFile {
  return {
    env: {},
    tests: [],
    problems: [
      {
        range: zero,
        severity: 'error',
        code: 'test-too-large',
        message: `The test file is larger than ${MAX_TEST_FILE_BYTES / (1024 * 1024)} MB: it is not read.`,
      },
    ],
  };
}

const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problem(range: Range | undefined, message: string): Diagnostic {
  return { range: range ?? zero, severity: 'error', code: 'test-unusable', message };
}

function toDiagnostic(p: { range: Range; severity: 'error' | 'warning'; code: string; message: string }): Diagnostic {
  return { range: p.range, severity: p.severity, code: p.code, message: p.message };
}

function inside(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  return !(p.line === r.end.line && p.character > r.end.character);
}

function where(el: NamedElement): string {
  const file = el.uri.slice(el.uri.lastIndexOf('/') + 1);
  return `${file}:${el.range.start.line + 1}`;
}

function quoted(s: string): string {
  return /^[\w./@*-]+$/.test(s) && !/^[@*]/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

function dedupe(items: TestCompletionItem[]): TestCompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && (seen.add(i.label), true));
}

/** Names the test file uses that its config does not have. */
export function referenceProblems(file: TestFile, names: ConfigNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sourceIds = names.sources.map((s) => s.id).filter((x): x is string => !!x);
  const outputNames = names.outputs.flatMap((o) => [o.id, o.pattern]).filter((x): x is string => !!x);
  const err = (range: Range, code: string, message: string) => out.push({ range, severity: 'error', code, message });
  for (const t of file.tests) {
    for (const i of t.inputs) {
      if (i.source) {
        const src = names.sources.find((s) => s.id === i.source!.value);
        if (!src)
          err(
            i.source.range,
            'test-unknown-source',
            `No <source> has @id '${i.source.value}'${sourceIds.length ? ` (known: ${sourceIds.join(', ')})` : ''}.`,
          );
        else if (i.lines && src.type !== 'tail')
          err(
            i.source.range,
            'test-input',
            `'${i.source.value}' is @type ${src.type ?? '?'}: raw lines are read by in_tail only; send a \`record\`.`,
          );
      }
      if (i.label && !names.labels.includes(i.label.value))
        err(
          i.label.range,
          'test-unknown-label',
          `No <label ${i.label.value}> in the config${names.labels.length ? ` (known: ${names.labels.join(', ')})` : ''}.`,
        );
    }
    for (const o of [...t.expect.map((x) => x.output), ...t.noOutputFrom])
      if (!outputNames.includes(o.value))
        err(
          o.range,
          'test-unknown-output',
          `No output has @id or <match> pattern '${o.value}'${outputNames.length ? ` (known: ${[...new Set(outputNames)].join(', ')})` : ''}.`,
        );
  }
  return out;
}

/** The shape at a path of keys and list items, from the file's root. */
export function shapeAt(path: readonly PathPart[]): Shape | undefined {
  let shape: Shape | undefined = TEST_FILE;
  for (const part of path) {
    if (!shape) return undefined;
    if (shape.kind === 'oneOf') shape = shape.options.find((o) => (part === '[]' ? o.kind === 'array' : o.kind === 'object'));
    if (!shape) return undefined;
    if (part === '[]') shape = shape.kind === 'array' ? shape.items : undefined;
    else shape = shape.kind === 'object' ? (shape.properties[part]?.shape ?? shape.additional) : undefined;
  }
  return shape;
}

function propertyOf(shape: Shape, key: string): Shape | undefined {
  if (shape.kind === 'oneOf') shape = shape.options.find((o) => o.kind === 'object') ?? shape;
  if (shape.kind !== 'object') return undefined;
  return shape.properties[key]?.shape ?? shape.additional;
}

function keyItems(shape: Shape, path: readonly PathPart[], range: Range): TestCompletionItem[] {
  if (shape.kind === 'oneOf') shape = shape.options.find((o) => o.kind === 'object') ?? shape;
  if (shape.kind !== 'object') return [];
  const items: TestCompletionItem[] = Object.entries(shape.properties).map(([key, p]: [string, Property]) => ({
    label: key,
    kind: 'property',
    documentation: p.description,
    insertText: `${key}: `,
    range,
  }));
  if (path.length === 2 && path[0] === 'tests' && path[1] === '[]') items.unshift(...testSnippets(range));
  return items;
}

function testSnippets(range: Range): TestCompletionItem[] {
  return [
    {
      label: 'test: lines at an in_tail source',
      kind: 'snippet',
      documentation: 'A test that sends raw lines through an in_tail source and checks one output.',
      insertText:
        'name: ${1:what it shows}\ninput:\n  source: ${2:in_tail_id}\n  lines:\n    - ${3:a log line}\nexpect:\n  - output: ${4:output_id}\n    fields:\n      ${5:message}: ${6:value}',
      snippet: true,
      range,
    },
    {
      label: 'test: an event (tag + record)',
      kind: 'snippet',
      documentation: 'A test that emits one event and checks one output.',
      insertText:
        'name: ${1:what it shows}\ninput:\n  tag: ${2:app.web}\n  record:\n    ${3:message}: ${4:hello}\nexpect:\n  - output: ${5:output_id}',
      snippet: true,
      range,
    },
  ];
}

function conditionItems(range: Range, prefix: string): TestCompletionItem[] {
  const flow = prefix.trimStart().startsWith('{');
  const r = flow ? { start: { line: range.start.line, character: range.start.character + prefix.indexOf('{') }, end: range.end } : range;
  const item = (label: string, body: string, doc: string): TestCompletionItem => ({
    label,
    kind: 'snippet',
    documentation: doc,
    insertText: `{ ${body} }`,
    snippet: true,
    range: r,
  });
  return [
    item('equals', 'equals: ${1}', 'The field equals this value.'),
    item('contains', 'contains: ${1}', 'A string contains this text; an array this element; a hash this key.'),
    item('matches', "matches: '${1:regexp}'", 'The field matches this Ruby regexp.'),
    item('absent', 'absent: ${1|true,false|}', 'true: no such field; false: the field is there.'),
  ];
}
