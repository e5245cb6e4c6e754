// A config test file read: YAML parsed with positions, checked against the format (spec.ts),
// and turned into the model (model.ts). Reading never throws: what is wrong becomes a problem
// at its place, and what can be read is read (completion needs a half-written file).
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { closest } from '../catalog/did-you-mean';
import { LineIndex } from '../parser/line-index';
import { regexpParam } from '../simulate/parse/ruby-regexp';
import { RubyFloat, type EventRecord, type EventTime, type RecordValue } from '../simulate/types';
import { validTimeZone } from '../simulate/environment';
import type { Range } from '../types';
import type { Condition, ConditionOp, Expectation, Problem, TestCase, TestFile, TestInput } from './model';
import { TEST_FILE, type Shape } from './spec';

/** A test file larger than this is not read (the CLI and the server say so). */
export const MAX_TEST_FILE_BYTES = 16 * 1024 * 1024;

const OPS: ConditionOp[] = ['equals', 'contains', 'matches', 'absent'];

export function readTestFile(text: string): TestFile {
  const lines = new LineIndex(text);
  const problems: Problem[] = [];
  const at = (node: { range?: [number, number, number] | null } | null | undefined): Range => {
    const r = node?.range;
    return r ? lines.range(r[0], r[1]) : lines.range(0, 0);
  };
  const problem = (range: Range, code: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ range, severity, code, message });

  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: false });
  for (const e of doc.errors) problem(lines.range(e.pos[0], e.pos[1]), 'test-yaml-syntax', e.message.split('\n')[0]);
  const file: TestFile = { env: {}, tests: [], problems };
  const root = doc.contents;
  if (!root || (isScalar(root) && (root.value === null || root.value === ''))) {
    problem(lines.range(0, 0), 'test-empty', 'An empty test file: it needs `config` and `tests`.');
    return file;
  }
  checkShape(root as YamlNode, TEST_FILE, problem, at, text);
  if (!isMap(root)) return file;

  const get = (map: YAMLMap, key: string): YamlNode | undefined => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    return (pair?.value ?? undefined) as YamlNode | undefined;
  };
  const strOf = (n: YamlNode | undefined): string | undefined =>
    isScalar(n) && n.value !== null && typeof n.value !== 'object' ? String(n.value) : undefined;

  const config = get(root, 'config');
  const configText = strOf(config);
  if (configText !== undefined) file.config = { value: configText, range: at(config) };
  const env = get(root, 'env');
  if (isMap(env))
    for (const p of env.items) {
      const k = strOf(p.key as YamlNode);
      const v = strOf(p.value as YamlNode);
      if (k !== undefined && v !== undefined) file.env[k] = v;
    }
  const tz = get(root, 'timezone');
  const tzText = strOf(tz);
  if (tzText !== undefined) {
    file.timezone = { value: tzText, range: at(tz) };
    if (!validTimeZone(tzText))
      problem(at(tz), 'test-bad-value', `Unknown time zone '${tzText}' (an IANA name such as UTC or Europe/Berlin).`);
  }
  const now = get(root, 'now');
  if (now) {
    const t = timeOf(now);
    if (t) file.now = t;
    else problem(at(now), 'test-bad-value', '`now` must be seconds since the epoch or an ISO 8601 time (2024-03-05T10:11:12Z).');
  }
  file.hostname = strOf(get(root, 'hostname'));
  const kube = get(root, 'kube');
  const kubeText = strOf(kube);
  if (kubeText !== undefined) file.kube = { value: kubeText, range: at(kube) };

  const tests = get(root, 'tests');
  if (isSeq(tests)) {
    const names = new Map<string, Range>();
    tests.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const t = readCase(item as YAMLMap, index);
      if (!t) return;
      const seen = names.get(t.name);
      if (seen)
        problem(t.nameRange, 'test-duplicate-name', `Another test (line ${seen.start.line + 1}) has this name: names must be unique.`);
      else names.set(t.name, t.nameRange);
      file.tests.push(t);
    });
  }
  return file;

  function readCase(map: YAMLMap, index: number): TestCase | undefined {
    const nameNode = get(map, 'name');
    const name = strOf(nameNode);
    if (name === undefined) return undefined; // reported by checkShape (required)
    const t: TestCase = { name, index, range: at(map as YamlNode), nameRange: at(nameNode), inputs: [], expect: [], noOutputFrom: [] };
    const one = get(map, 'input');
    const many = get(map, 'inputs');
    if (one && many) problem(at(one), 'test-input', 'Give `input` or `inputs`, not both.');
    const inputNodes = isMap(one) ? [one] : isSeq(many) ? many.items.filter(isMap) : [];
    for (const n of inputNodes) {
      const input = readInput(n as YAMLMap);
      if (input) t.inputs.push(input);
    }
    if (!one && !many) problem(t.nameRange, 'test-no-input', 'This test has no `input`: nothing is sent through the config.');
    const expect = get(map, 'expect');
    if (isSeq(expect))
      for (const e of expect.items)
        if (isMap(e)) {
          const x = readExpectation(e as YAMLMap);
          if (x) t.expect.push(x);
        }
    const none = get(map, 'no_output_from');
    if (isSeq(none))
      for (const n of none.items) {
        const v = strOf(n as YamlNode);
        if (v !== undefined) t.noOutputFrom.push({ value: v, range: at(n as YamlNode) });
      }
    const unmatched = get(map, 'unmatched');
    if (isScalar(unmatched) && typeof unmatched.value === 'number') t.unmatched = { value: unmatched.value, range: at(unmatched) };
    if (!t.expect.length && !t.noOutputFrom.length && !t.unmatched)
      problem(
        t.nameRange,
        'test-no-expectation',
        'This test expects nothing (`expect`, `no_output_from` or `unmatched`): it always passes.',
        'warning',
      );
    return t;
  }

  function readInput(map: YAMLMap): TestInput | undefined {
    const input: TestInput = { range: at(map as YamlNode) };
    const source = get(map, 'source');
    const s = strOf(source);
    if (s !== undefined) input.source = { value: s, range: at(source) };
    input.path = strOf(get(map, 'path'));
    const lines = get(map, 'lines');
    if (isSeq(lines)) input.lines = lines.items.map((l) => strOf(l as YamlNode) ?? '');
    input.tag = strOf(get(map, 'tag'));
    const label = get(map, 'label');
    const l = strOf(label);
    if (l !== undefined) input.label = { value: l, range: at(label) };
    const time = get(map, 'time');
    if (time) {
      const tv = timeOf(time);
      if (tv) input.time = tv;
      else problem(at(time), 'test-bad-value', '`time` must be seconds since the epoch or an ISO 8601 time.');
    }
    const record = get(map, 'record');
    if (isMap(record)) input.record = recordOf(record as YamlNode) as EventRecord;
    if (input.lines && input.record)
      problem(input.range, 'test-input', 'An input has `lines` (raw lines at an in_tail source) or `record` (an event), not both.');
    else if (input.lines && !input.source)
      problem(input.range, 'test-input', '`lines` need the `source` (an in_tail `@id`) that reads them.');
    else if (!input.lines && !input.record)
      problem(input.range, 'test-input', 'An input needs `lines` (with an in_tail `source`) or a `record` (with a `tag` or a `source`).');
    else if (input.record && !input.tag && !input.source)
      problem(input.range, 'test-input', 'An event needs a `tag` (or the `source` whose tag it takes).');
    return input;
  }

  function readExpectation(map: YAMLMap): Expectation | undefined {
    const out = get(map, 'output');
    const o = strOf(out);
    if (o === undefined) return undefined;
    const x: Expectation = { range: at(map as YamlNode), output: { value: o, range: at(out) }, fields: [], destination: [] };
    const count = get(map, 'count');
    if (isScalar(count) && typeof count.value === 'number') x.count = count.value;
    const tag = get(map, 'tag');
    if (tag) x.tag = conditionOf(tag);
    const fields = get(map, 'fields');
    if (isMap(fields))
      for (const p of fields.items as Pair<YamlNode, YamlNode>[]) {
        const field = strOf(p.key ?? undefined);
        const c = p.value ? conditionOf(p.value) : undefined;
        if (field !== undefined && c) x.fields.push({ field, range: at(p.key), condition: c });
      }
    const dest = get(map, 'destination');
    if (isMap(dest))
      for (const p of dest.items as Pair<YamlNode, YamlNode>[]) {
        const key = strOf(p.key ?? undefined);
        const c = p.value ? conditionOf(p.value) : undefined;
        if (key !== undefined && c) x.destination.push({ key, range: at(p.key), condition: c });
      }
    return x;
  }

  function conditionOf(node: YamlNode): Condition | undefined {
    if (!isMap(node)) return { op: 'equals', value: recordOf(node), range: at(node) };
    const ops = node.items.filter((p) => isScalar(p.key) && OPS.includes(p.key.value as ConditionOp));
    if (ops.length !== 1) {
      problem(at(node), 'test-condition', 'A condition has exactly one of `equals`, `contains`, `matches`, `absent`.');
      return undefined;
    }
    const op = (ops[0].key as { value: ConditionOp }).value;
    const v = ops[0].value as YamlNode;
    const range = at(node);
    if (op === 'matches') {
      const source = strOf(v);
      if (source === undefined) return undefined;
      const c = regexpParam(source);
      if (!c.ok) {
        problem(at(v), 'test-bad-regexp', `This regexp does not compile: ${'error' in c ? c.error : c.notSimulated}`);
        return undefined;
      }
      return { op, value: source, range };
    }
    if (op === 'absent') return isScalar(v) && typeof v.value === 'boolean' ? { op, value: v.value, range } : undefined;
    return { op, value: recordOf(v), range };
  }
}

/** A YAML value as a record value: numbers written with a point or an exponent stay Floats, as Ruby reads them. */
function recordOf(node: YamlNode | null | undefined): RecordValue {
  if (!node) return null;
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') {
      const src = node.source ?? String(v);
      return Number.isInteger(v) && !/[.eE]/.test(src) ? v : new RubyFloat(v);
    }
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    if (typeof v === 'bigint') return Number(v);
    return v === undefined ? null : String(v);
  }
  if (isSeq(node)) return node.items.map((i) => recordOf(i as YamlNode));
  if (isMap(node)) {
    const out: Record<string, RecordValue> = Object.create(null) as Record<string, RecordValue>;
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
      out[k] = recordOf(p.value as YamlNode);
    }
    return out;
  }
  return null;
}

const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)$/;

/** Seconds since the epoch (a number; as text, fractions exact to the nanosecond) or an ISO 8601 time. */
export function timeOf(node: YamlNode | unknown): EventTime | undefined {
  const v = isScalar(node) ? node.value : node;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const sec = Math.floor(v);
    return { sec, nsec: Math.round((v - sec) * 1e9) % 1e9 };
  }
  if (v instanceof Date) return { sec: Math.floor(v.getTime() / 1000), nsec: (v.getTime() % 1000) * 1e6 };
  if (typeof v !== 'string') return undefined;
  const exact = /^(\d+)(?:\.(\d{1,9}))?$/.exec(v.trim());
  if (exact) return { sec: Number(exact[1]), nsec: Number((exact[2] ?? '').padEnd(9, '0')) };
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return { sec: Math.floor(ms / 1000), nsec: Number((m[2] ?? '').padEnd(9, '0')) };
}

type At = (node: { range?: [number, number, number] | null } | null | undefined) => Range;
type Report = (range: Range, code: string, message: string, severity?: Problem['severity']) => void;

/** Checks a node against the format: types, unknown keys (with did-you-mean), required keys. */
function checkShape(node: YamlNode | null | undefined, shape: Shape, problem: Report, at: At, text: string): void {
  if (!node) return;
  const kindOf = (n: YamlNode): string =>
    isMap(n) ? 'a mapping' : isSeq(n) ? 'a list' : isScalar(n) ? (n.value === null ? 'empty' : `a ${typeof n.value}`) : 'a value';
  switch (shape.kind) {
    case 'any':
      return;
    case 'string':
      if (
        !isScalar(node) ||
        node.value === null ||
        typeof node.value === 'object' ||
        (typeof node.value !== 'string' && typeof node.value !== 'number')
      )
        problem(at(node), 'test-type', `Expected text here, found ${kindOf(node)}.`);
      return;
    case 'number':
      if (!isScalar(node) || typeof node.value !== 'number')
        problem(at(node), 'test-type', `Expected a number here, found ${kindOf(node)}.`);
      else if (shape.integer && !Number.isInteger(node.value)) problem(at(node), 'test-type', 'Expected a whole number here.');
      else if (shape.minimum !== undefined && node.value < shape.minimum)
        problem(at(node), 'test-type', `Expected ${shape.minimum} or more here.`);
      return;
    case 'boolean':
      if (!isScalar(node) || typeof node.value !== 'boolean')
        problem(at(node), 'test-type', `Expected true or false here, found ${kindOf(node)}.`);
      return;
    case 'array':
      if (!isSeq(node)) {
        problem(at(node), 'test-type', `Expected a list here, found ${kindOf(node)}.`);
        return;
      }
      if (shape.minItems && node.items.length < shape.minItems)
        problem(at(node), 'test-type', `Expected at least ${shape.minItems} item(s).`);
      for (const i of node.items) checkShape(i as YamlNode, shape.items, problem, at, text);
      return;
    case 'oneOf': {
      // the first option of the node's kind decides (a mapping → the object option)
      const option = shape.options.find((o) =>
        isMap(node) ? o.kind === 'object' : isSeq(node) ? o.kind === 'array' : o.kind !== 'object' && o.kind !== 'array',
      );
      if (!option) problem(at(node), 'test-type', `Unexpected ${kindOf(node)} here.`);
      else if (option.kind === 'object' || option.kind === 'array') checkShape(node, option, problem, at, text);
      else if (isScalar(node) && !shape.options.some((o) => scalarFits(o, node.value)))
        problem(at(node), 'test-type', `Unexpected ${kindOf(node)} here.`);
      return;
    }
    case 'object': {
      if (!isMap(node)) {
        problem(at(node), 'test-type', `Expected a mapping (key: value) here, found ${kindOf(node)}.`);
        return;
      }
      const keys = Object.keys(shape.properties);
      for (const p of node.items as Pair<YamlNode, YamlNode>[]) {
        const key = isScalar(p.key) ? String(p.key.value) : undefined;
        if (key === undefined) continue;
        const prop = shape.properties[key];
        if (prop) checkShape(p.value, prop.shape, problem, at, text);
        else if (shape.additional) checkShape(p.value, shape.additional, problem, at, text);
        else {
          const near = closest(key, keys);
          problem(
            at(p.key),
            'test-unknown-key',
            `Unknown key '${key}'${near ? `: did you mean '${near}'?` : ''} (expected ${keys.join(', ')}).`,
          );
        }
      }
      for (const [k, p] of Object.entries(shape.properties)) {
        if (!p.required) continue;
        if (!node.items.some((i) => isScalar(i.key) && i.key.value === k))
          problem(firstLine(at(node)), 'test-missing-key', `Missing \`${k}\`: ${p.description}`);
      }
      return;
    }
  }
}

function scalarFits(shape: Shape, v: unknown): boolean {
  if (shape.kind === 'any') return true;
  if (shape.kind === 'string') return typeof v === 'string';
  if (shape.kind === 'number') return typeof v === 'number';
  if (shape.kind === 'boolean') return typeof v === 'boolean';
  return false;
}

function firstLine(r: Range): Range {
  return r.end.line > r.start.line ? { start: r.start, end: { line: r.start.line, character: r.start.character + 1 } } : r;
}
