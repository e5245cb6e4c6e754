// Quick fixes on real configs: each shared corpus config (and a set of realistic
// mistakes made in it, one at a time) is checked; every fix offered is applied and
// the finding it was offered for must be gone, with no syntax error added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit, type Diagnostic } from 'vscode-languageserver-types';
import { defaultCatalog } from '../../../../src/language/catalog';
import { parse } from '../../../../src/language/parser';
import type { Node, ParamNode } from '../../../../src/language/parser/ast';
import { FluentdLanguageService } from '../../../../src/language/service';
import { elements } from '../../../../src/language/walk';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../helpers/corpus';

const service = new FluentdLanguageService();
const catalog = defaultCatalog();
let version = 0;
const docOf = (text: string) => TextDocument.create(`file:///sweep/${++version}.conf`, 'fluentd', 1, text);

const SYNTAX =
  /^(unclosed-element|unmatched-end-tag|expected-|bad-|missing-element-name|incomplete-json|unterminated|include-without-path)/;

function params(nodes: Node[]): ParamNode[] {
  const out: ParamNode[] = [];
  for (const n of nodes) if (n.kind === 'param') out.push(n);
  for (const e of elements(nodes)) for (const c of e.children) if (c.kind === 'param') out.push(c);
  return out;
}

type Mutation = (text: string, nodes: Node[], doc: TextDocument) => TextEdit[] | undefined;

const lineOf = (line: number) => ({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
const defOf = (p: ParamNode) => (p.parent ? catalog.findParam(catalog.definitionFor(p.parent), p.key) : undefined);

/** Realistic mistakes, each at the first place it fits. */
const MUTATIONS: Record<string, Mutation> = {
  'misspelled parameter': (_t, nodes) => {
    const p = params(nodes).find((x) => !x.key.startsWith('@') && x.key.length >= 6 && defOf(x) && !defOf(x)!.deprecated);
    if (!p) return undefined;
    const k = p.key;
    return [TextEdit.replace(p.keyRange, k.slice(0, -3) + k[k.length - 2] + k[k.length - 3] + k.slice(-1))];
  },
  'required parameter left out': (_t, nodes) => {
    const p = params(nodes).find((x) => defOf(x)?.required && x.range.start.line === x.range.end.line);
    return p && [TextEdit.del(lineOf(p.range.start.line))];
  },
  'misspelled plugin': (_t, nodes) => {
    const p = params(nodes).find(
      (x) => x.key === '@type' && x.value && x.value.text.length >= 4 && x.parent && catalog.definitionFor(x.parent).plugin,
    );
    return p?.value && [TextEdit.replace(p.value.range, p.value.text.slice(0, -2) + p.value.text.slice(-1))];
  },
  'old type name': (_t, nodes) => {
    const p = params(nodes).find((x) => x.key === '@type');
    return p && [TextEdit.replace(p.keyRange, 'type')];
  },
  'misspelled section': (_t, nodes) => {
    const e = [...elements(nodes)].find((x) => x.name.length >= 5 && x.closeRange && catalog.definitionFor(x).role === 'section');
    if (!e) return undefined;
    const typo = e.name[0] + e.name.slice(2);
    const close = {
      start: { line: e.closeRange!.start.line, character: e.closeRange!.start.character + 2 },
      end: { line: e.closeRange!.start.line, character: e.closeRange!.start.character + 2 + e.name.length },
    };
    return [TextEdit.replace(e.nameRange, typo), TextEdit.replace(close, typo)];
  },
  'Ruby outside double quotes': (_t, nodes) => {
    const p = params(nodes).find((x) => x.key === 'tag' && x.value);
    return p?.value && [TextEdit.replace(p.value.range, "app.#{ENV['NODE_NAME']}")];
  },
  'old include': (_t, nodes) => {
    const inc = nodes.find((n) => n.kind === 'include' && n.keyword === '@include');
    return inc && inc.kind === 'include' ? [TextEdit.replace(inc.keywordRange, 'include')] : undefined;
  },
  'required section left out': (_t, nodes) => {
    const e = [...elements(nodes)].find((x) => x.parent && x.closeRange && catalog.definitionFor(x.parent).sections[x.name]?.required);
    if (!e) return undefined;
    return [TextEdit.del({ start: { line: e.range.start.line, character: 0 }, end: { line: e.range.end.line + 1, character: 0 } })];
  },
  'misspelled enum value': (_t, nodes) => {
    const p = params(nodes).find((x) => defOf(x)?.type === 'enum' && x.value && x.value.text.length >= 5);
    return p?.value && [TextEdit.replace(p.value.range, p.value.text.slice(0, -1))];
  },
  'upper-case bool': (_t, nodes) => {
    const p = params(nodes).find((x) => defOf(x)?.type === 'bool' && x.value && /^(true|false)$/.test(x.value.text));
    return p?.value && [TextEdit.replace(p.value.range, p.value.text.toUpperCase())];
  },
  'misspelled label': (_t, nodes) => {
    const p = params(nodes).find((x) => x.key === '@label' && x.value && x.value.text.length >= 4);
    return p?.value && [TextEdit.replace(p.value.range, p.value.text.slice(0, -1))];
  },
  'size with a space': (_t, nodes) => {
    const p = params(nodes).find((x) => defOf(x)?.type === 'size' && x.value);
    return p?.value && [TextEdit.replace(p.value.range, '8 MB')];
  },
  'time in milliseconds': (_t, nodes) => {
    const p = params(nodes).find((x) => defOf(x)?.type === 'time' && x.value);
    return p?.value && [TextEdit.replace(p.value.range, '500ms')];
  },
  'buffer parameter beside <buffer>': (_t, nodes, doc) => {
    const e = [...elements(nodes)].find((x) => x.name === 'buffer' && x.parent && catalog.definitionFor(x).role === 'section');
    if (!e?.parent) return undefined;
    const line = e.openRange.start.line;
    const indent = /^[ \t]*/.exec(doc.getText(lineOf(line)))![0];
    return [TextEdit.insert({ line, character: 0 }, `${indent}flush_thread_count 2\n`)];
  },
  'flush_mode immediate with flush_interval': (_t, nodes, doc) => {
    const e = [...elements(nodes)].find(
      (x) => x.name === 'buffer' && x.children.some((c) => c.kind === 'param' && c.key === 'flush_interval'),
    );
    if (!e) return undefined;
    const p = e.children.find((c): c is ParamNode => c.kind === 'param' && c.key === 'flush_interval')!;
    const indent = /^[ \t]*/.exec(doc.getText(lineOf(p.range.start.line)))![0];
    const mode = e.children.find((c): c is ParamNode => c.kind === 'param' && c.key === 'flush_mode');
    if (mode?.value) return [TextEdit.replace(mode.value.range, 'immediate')];
    return [TextEdit.insert({ line: p.range.start.line, character: 0 }, `${indent}flush_mode immediate\n`)];
  },
  'time chunk key without timekey': (_t, nodes) => {
    const e = [...elements(nodes)].find((x) => x.name === 'buffer' && !x.children.some((c) => c.kind === 'param' && c.key === 'timekey'));
    if (!e) return undefined;
    return [e.argRange ? TextEdit.replace(e.argRange, 'time') : TextEdit.insert(e.nameRange.end, ' time')];
  },
};

const same = (a: Diagnostic, b: Diagnostic) => a.code === b.code && a.message === b.message;

test('every quick fix offered on the corpus and on realistic mistakes in it removes its finding', { skip: !corpusAvailable() }, () => {
  const fixedByCode = new Map<string, number>();
  const mutationsTried = new Map<string, number>();
  let offered = 0;
  const failures: string[] = [];
  for (const { name, text: original } of [...validConfigs(), ...invalidCases(), ...acceptedButWrong()]) {
    const variants: [string, string][] = [['as is', original]];
    const nodes = parse(original).document.children;
    const base = docOf(original);
    for (const [what, mutate] of Object.entries(MUTATIONS)) {
      const edits = mutate(original, nodes, base);
      if (!edits?.length) continue;
      variants.push([what, TextDocument.applyEdits(base, edits)]);
      mutationsTried.set(what, (mutationsTried.get(what) ?? 0) + 1);
    }
    for (const [what, text] of variants) {
      const doc = docOf(text);
      const diags = service.validate(doc);
      const syntaxBefore = diags.filter((d) => SYNTAX.test(String(d.code)) && d.severity === 1).length;
      for (const d of diags) {
        const actions = service.codeActions(doc, d.range, [d]);
        for (const a of actions) {
          offered++;
          const edits = a.edit?.changes?.[doc.uri] ?? [];
          const after = TextDocument.applyEdits(doc, edits);
          const again = service.validate(docOf(after));
          const where = `${name} (${what}): '${a.title}' for ${d.code} "${d.message}" at ${d.range.start.line + 1}`;
          if (again.filter((x) => same(x, d)).length >= diags.filter((x) => same(x, d)).length)
            failures.push(`${where}: the finding is still there`);
          const syntaxAfter = again.filter((x) => SYNTAX.test(String(x.code)) && x.severity === 1).length;
          if (syntaxAfter > syntaxBefore)
            failures.push(`${where}: added a syntax error: ${again.find((x) => SYNTAX.test(String(x.code)))?.message}`);
          fixedByCode.set(String(d.code), (fixedByCode.get(String(d.code)) ?? 0) + 1);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  // the sweep must really exercise the fixes
  for (const code of [
    'unknown-param',
    'unknown-plugin',
    'unknown-section',
    'deprecated-type-name',
    'literal-embedded-ruby',
    'missing-required-param',
    'missing-required-section',
    'invalid-value',
    'surprising-value',
    'undefined-label',
    'flush-interval-with-flush-mode',
    'buffer-time-without-timekey',
  ]) {
    assert.ok((fixedByCode.get(code) ?? 0) >= 1, `no fix for ${code} was exercised (${JSON.stringify([...fixedByCode])})`);
  }
  assert.ok(offered > 500, `only ${offered} fixes offered`);
  console.log(
    `quick fixes applied: ${offered}; by code: ${JSON.stringify(Object.fromEntries(fixedByCode))}; mutations: ${JSON.stringify(Object.fromEntries(mutationsTried))}`,
  );
});

test('fixes on an element without a parent or on odd ranges are not offered rather than thrown', () => {
  const doc = docOf('<source>\n  @type tail\n');
  const bogus: Diagnostic[] = [
    {
      range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } },
      message: 'x',
      code: 'missing-required-param',
      source: 'fluentd',
      data: { name: 'path' },
    },
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      code: 'unknown-param',
      source: 'fluentd',
      data: null,
    },
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      code: 'missing-required-section',
      source: 'fluentd',
    },
  ];
  assert.deepEqual(
    service.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, bogus).map((a) => a.title),
    [],
  );
});
