// The fluentd snippets (snippets/fluentd.json): well-formed VS Code snippet syntax, and
// every expansion is a config Fluentd would take — no syntax errors, every @type a real
// plugin of the right kind, every parameter one that plugin has, every enum value allowed.
// Parameters are checked against the shared plugin catalogue (../shared/fluentd/catalog.json)
// by a small checker kept in this file on purpose, so the snippets are judged independently
// of the language service's own catalogue code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/language/parser';
import type { ElementNode, Node, ParamNode } from '../../src/language/parser';
import { corpusRoot, repoRoot, sharedRoot } from '../helpers/corpus';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}
const snippets: Record<string, Snippet> = JSON.parse(readFileSync(join(repoRoot, 'snippets', 'fluentd.json'), 'utf8'));
const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

// ---- VS Code snippet syntax -----------------------------------------------------------
// Follows VS Code's SnippetParser: `\` escapes `$`, `}` and `\` (in choices also `,` and `|`),
// any other backslash is literal. Stricter than VS Code in one way: a `$` that is not a tab
// stop must be escaped — unescaped, `${tag}` would become a VS Code variable (and an unknown
// variable is inserted as a placeholder named after it), which is never what a Fluentd
// placeholder means.

type SnippetPart = string | TabStop;
interface TabStop {
  index: number;
  /** Default content of `${n:…}` (may nest tab stops); undefined for `$n` / `${n}`. */
  children?: SnippetPart[];
  /** Options of `${n|a,b|}`. */
  choices?: string[];
}

function parseSnippet(src: string): SnippetPart[] {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} (at offset ${pos} of the body)`);
  };
  const parseSeq = (inPlaceholder: boolean): SnippetPart[] => {
    const out: SnippetPart[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    while (pos < src.length) {
      const ch = src[pos];
      if (ch === '\\') {
        const next = src[pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          pos += 2;
        } else {
          text += '\\';
          pos += 1;
        }
      } else if (ch === '}' && inPlaceholder) {
        pos++;
        flush();
        return out;
      } else if (ch === '$') {
        flush();
        out.push(parseDollar());
      } else {
        text += ch;
        pos++;
      }
    }
    if (inPlaceholder) fail('unterminated placeholder ${n:…');
    flush();
    return out;
  };
  const parseDollar = (): TabStop => {
    pos++; // $
    const bare = /^\d+/.exec(src.slice(pos));
    if (bare) {
      pos += bare[0].length;
      return { index: Number(bare[0]) };
    }
    if (src[pos] !== '{') {
      if (/^[_a-zA-Z]/.test(src.slice(pos))) fail('`$name` is a VS Code variable; write \\$ for a literal dollar');
      fail('unescaped `$`; write \\$ for a literal dollar');
    }
    pos++; // {
    const num = /^\d+/.exec(src.slice(pos));
    if (!num) fail('`${` not followed by a tab stop number is a VS Code variable; write \\${ for a Fluentd placeholder');
    pos += num![0].length;
    const index = Number(num![0]);
    const c = src[pos];
    if (c === '}') {
      pos++;
      return { index };
    }
    if (c === ':') {
      pos++;
      return { index, children: parseSeq(true) };
    }
    if (c === '|') {
      pos++;
      const choices: string[] = [];
      let cur = '';
      while (true) {
        if (pos >= src.length) fail('unterminated choice ${n|…|}');
        const ch = src[pos];
        if (ch === '\\' && [',', '|', '\\'].includes(src[pos + 1])) {
          cur += src[pos + 1];
          pos += 2;
        } else if (ch === ',') {
          choices.push(cur);
          cur = '';
          pos++;
        } else if (ch === '|') {
          if (src[pos + 1] !== '}') fail('a choice must end with |}');
          choices.push(cur);
          pos += 2;
          break;
        } else if (ch === '$') {
          fail('`$` inside a choice');
        } else {
          cur += ch;
          pos++;
        }
      }
      if (choices.length < 2) fail('a choice needs at least two options');
      return { index, choices };
    }
    return fail(`unexpected ${JSON.stringify(c)} after \${${index}`);
  };
  return parseSeq(false);
}

function tabStops(parts: SnippetPart[], out: TabStop[] = []): TabStop[] {
  for (const p of parts) {
    if (typeof p === 'string') continue;
    out.push(p);
    if (p.children) tabStops(p.children, out);
  }
  return out;
}

/** Problems with the tab stops of a parsed body: numbering and conflicting defaults. */
function tabStopProblems(parts: SnippetPart[]): string[] {
  const problems: string[] = [];
  const stops = tabStops(parts);
  const numbered = [...new Set(stops.map((s) => s.index).filter((i) => i > 0))].sort((a, b) => a - b);
  numbered.forEach((n, i) => {
    if (n !== i + 1) problems.push(`tab stops are not numbered 1..n without gaps: ${numbered.join(', ')}`);
  });
  if (stops.filter((s) => s.index === 0).length > 1) problems.push('$0 appears more than once');
  const defs = new Map<number, string>();
  for (const s of stops) {
    if (!s.children && !s.choices) continue;
    const def = JSON.stringify(s.children ?? s.choices);
    const prev = defs.get(s.index);
    if (prev !== undefined && prev !== def) problems.push(`tab stop ${s.index} has two different defaults`);
    defs.set(s.index, def);
  }
  return [...new Set(problems)];
}

/**
 * The text VS Code inserts when every placeholder keeps its default, with `chosen` picking
 * options of choices (the first by default) and mirrors showing their tab stop's text.
 */
function expand(parts: SnippetPart[], chosen: Map<number, string> = new Map()): string {
  const defs = new Map<number, TabStop>();
  for (const s of tabStops(parts)) if ((s.children || s.choices) && !defs.has(s.index)) defs.set(s.index, s);
  const render = (ps: SnippetPart[], depth: number): string => {
    if (depth > 20) throw new Error('tab stops refer to each other in a cycle');
    return ps
      .map((p) => {
        if (typeof p === 'string') return p;
        const def = p.children || p.choices ? p : defs.get(p.index);
        if (def?.choices) return chosen.get(p.index) ?? def.choices[0];
        if (def?.children) return render(def.children, depth + 1);
        return '';
      })
      .join('');
  };
  // VS Code replaces each leading tab with the editor's indentation; Fluentd configs use two spaces.
  return render(parts, 0).replace(/\t/g, '  ');
}

/** Every expansion worth checking: the defaults, then each option of each choice in turn. */
function variants(parts: SnippetPart[]): { label: string; text: string }[] {
  const out = [{ label: 'defaults', text: expand(parts) }];
  for (const s of tabStops(parts)) {
    for (const option of s.choices?.slice(1) ?? []) {
      out.push({ label: `\${${s.index}} = ${option}`, text: expand(parts, new Map([[s.index, option]])) });
    }
  }
  return out;
}

// ---- catalogue checker ---------------------------------------------------------------

interface ParamSpec {
  name: string;
  type: string;
  list?: string[];
  alias?: string;
  required?: boolean;
  deprecated?: string;
  obsoleted?: string;
  default?: unknown;
}
interface SectionSpec {
  params: ParamSpec[];
  sections?: Record<string, SectionSpec>;
  required?: boolean;
}
interface PluginSpec extends SectionSpec {
  raw_keys?: string[];
  raw_elements?: Record<string, unknown>;
  'reads_@label'?: boolean;
}
interface Catalog {
  plugins: Record<string, PluginSpec>;
  meta: { section_to_plugin_kind: Record<string, string> };
}

const catalog: Catalog = JSON.parse(readFileSync(join(sharedRoot, 'fluentd', 'catalog.json'), 'utf8'));

const DIRECTIVE_KIND: Record<string, string> = { source: 'input', match: 'output', filter: 'filter' };
const RESERVED = new Set(['@type', '@id', '@label', '@log_level']);

/** What may appear inside one element. */
interface Scope {
  where: string;
  params: ParamSpec[];
  sections: Record<string, SectionSpec>;
  rawKeys: Set<string>;
  rawElements: Set<string>;
  readsLabel: boolean;
}

function scopeOf(where: string, section: SectionSpec, plugin?: PluginSpec): Scope {
  return {
    where,
    params: [...section.params, ...(plugin && plugin !== section ? plugin.params : [])],
    sections: { ...(section.sections ?? {}), ...(plugin?.sections ?? {}) },
    rawKeys: new Set(plugin?.raw_keys ?? []),
    rawElements: new Set(Object.keys(plugin?.raw_elements ?? {})),
    readsLabel: plugin?.['reads_@label'] ?? false,
  };
}

/** A section named `name` as any plugin declares it (for snippets that are a lone section). */
function anySection(name: string): SectionSpec | undefined {
  const found = Object.values(catalog.plugins).flatMap((p) => (p.sections?.[name] ? [p.sections[name]] : []));
  if (!found.length) return undefined;
  const params = new Map<string, ParamSpec>();
  for (const s of found) for (const p of s.params) params.set(p.name, p);
  return { params: [...params.values()], sections: Object.assign({}, ...found.map((s) => s.sections ?? {})) };
}

/** The plugin kind a section's @type names (buffer → buffer, parse → parser, …), if any. */
function sectionKind(name: string): string | undefined {
  return /^\w+/.exec(catalog.meta.section_to_plugin_kind[name] ?? '')?.[0];
}

const params = (el: ElementNode) => el.children.filter((c): c is ParamNode => c.kind === 'param');
const elements = (el: { children: Node[] }) => el.children.filter((c): c is ElementNode => c.kind === 'element');
const typeOf = (el: ElementNode) => params(el).find((p) => p.key === '@type')?.value?.text;

function kindsOf(type: string): string[] {
  return Object.keys(catalog.plugins)
    .filter((k) => k.endsWith(`/${type}`))
    .map((k) => k.split('/')[0]);
}

function valueProblem(spec: ParamSpec, text: string | undefined): string | undefined {
  if (text === undefined) return spec.type === 'bool' ? undefined : 'has no value';
  if (text.includes('#{') || text.includes('${')) return undefined; // resolved at start-up / run time
  const bad = (what: string) => `value ${JSON.stringify(text)} is not ${what}`;
  switch (spec.type) {
    case 'enum':
      return spec.list?.includes(text) ? undefined : bad(`one of ${spec.list?.join(', ')}`);
    case 'bool':
      return ['true', 'false', 'yes', 'no'].includes(text) ? undefined : bad('true, false, yes or no');
    case 'integer':
      return /^-?\d+$/.test(text) ? undefined : bad('an integer');
    case 'float':
      return /^-?\d+(\.\d+)?$/.test(text) ? undefined : bad('a number');
    // Fluentd matches unit suffixes unanchored (1.5m is 5 MiB), so only integer + unit is safe.
    case 'size':
      return /^\d+[kmgtKMGT]?$/.test(text) ? undefined : bad('a size like 8m');
    case 'time':
      return /^\d+[smhd]?$|^\d+\.\d+$/.test(text) ? undefined : bad('a time like 5s');
    case 'array':
    case 'hash': {
      const open = spec.type === 'array' ? '[' : '{';
      if (!text.startsWith(open)) return undefined; // comma-separated form
      try {
        const v: unknown = JSON.parse(text);
        return Array.isArray(v) === (spec.type === 'array') ? undefined : bad(`a JSON ${spec.type}`);
      } catch {
        return bad('valid JSON');
      }
    }
    case 'regexp':
      return regexpProblem(text);
    default:
      return undefined;
  }
}

function regexpProblem(text: string): string | undefined {
  const m = /^\/(.*)\/([imx]*)$/s.exec(text);
  if (!m) return `value ${JSON.stringify(text)} is not a /regexp/`;
  try {
    new RegExp(m[1].replace(/\(\?<([A-Za-z_]\w*)>/g, '(?<$1>')); // Ruby named groups read the same
    return undefined;
  } catch (e) {
    return `regexp ${text} does not compile: ${(e as Error).message}`;
  }
}

/** Every way `text` is not a config Fluentd would take, as far as the catalogue tells. */
function checkConfig(text: string): string[] {
  const problems: string[] = [];
  const { document, diagnostics } = parse(text);
  for (const d of diagnostics) problems.push(`line ${d.range.start.line + 1}: ${d.code}: ${d.message}`);
  const report = (node: Node, msg: string): void => {
    problems.push(`line ${node.range.start.line + 1}: ${msg}`);
  };

  const checkBody = (el: ElementNode, scope: Scope): void => {
    const present = new Set(params(el).map((p) => p.key));
    for (const p of params(el)) {
      if (RESERVED.has(p.key)) {
        if (p.key === '@label' && !scope.readsLabel) report(p, `${scope.where} does not read @label`);
        continue;
      }
      if (scope.rawKeys.has(p.key)) {
        if (/^format(\d+|_firstline)$/.test(p.key) && p.value?.text.startsWith('/')) {
          const why = regexpProblem(p.value.text);
          if (why) report(p, `${p.key}: ${why}`);
        }
        continue;
      }
      const spec = scope.params.find((s) => s.name === p.key || s.alias === p.key);
      if (!spec) {
        report(p, `${scope.where} has no parameter '${p.key}'`);
        continue;
      }
      if (spec.obsoleted) report(p, `'${p.key}' is obsolete in ${scope.where}`);
      if (spec.deprecated) report(p, `'${p.key}' is deprecated in ${scope.where}`);
      const why = valueProblem(spec, p.value?.text);
      if (why) report(p, `${p.key}: ${why}`);
    }
    for (const spec of scope.params) {
      if (spec.required && !spec.name.startsWith('@') && !present.has(spec.name) && !(spec.alias && present.has(spec.alias))) {
        report(el, `${scope.where} requires '${spec.name}'`);
      }
    }
    for (const child of elements(el)) {
      if (scope.rawElements.has(child.name)) continue; // free-form, e.g. <record>
      const section = scope.sections[child.name];
      if (!section) {
        report(child, `${scope.where} has no section <${child.name}>`);
        continue;
      }
      checkSection(child, section, `<${child.name}> in ${scope.where}`);
    }
    for (const [name, spec] of Object.entries(scope.sections)) {
      if (spec.required && !elements(el).some((c) => c.name === name)) report(el, `${scope.where} requires <${name}>`);
    }
  };

  const checkSection = (el: ElementNode, section: SectionSpec, where: string): void => {
    const kind = sectionKind(el.name);
    if (!kind) return checkBody(el, scopeOf(where, section));
    const explicit = typeOf(el);
    const type = explicit ?? (section.params.find((p) => p.name === '@type')?.default as string | undefined);
    const plugin = type ? catalog.plugins[`${kind}/${type}`] : undefined;
    if (explicit && !plugin)
      report(el, `@type ${explicit} is not a ${kind} plugin (known as: ${kindsOf(explicit).join(', ') || 'nothing'})`);
    checkBody(el, scopeOf(type ? `${kind}/${type}` : where, section, plugin));
  };

  const checkPlugin = (el: ElementNode, kind: string): void => {
    const type = typeOf(el);
    if (!type) return report(el, `<${el.name}> has no @type`);
    const plugin = catalog.plugins[`${kind}/${type}`];
    if (!plugin) {
      return report(el, `@type ${type} in <${el.name}> is not an ${kind} plugin (known as: ${kindsOf(type).join(', ') || 'nothing'})`);
    }
    checkBody(el, scopeOf(`${kind}/${type}`, plugin, plugin));
  };

  const checkTop = (nodes: Node[], inLabel: boolean): void => {
    for (const node of nodes) {
      if (node.kind === 'include') continue;
      if (node.kind === 'param') {
        report(node, `parameter '${node.key}' outside any directive`);
        continue;
      }
      const kind = DIRECTIVE_KIND[node.name];
      if (inLabel && node.name !== 'match' && node.name !== 'filter') {
        report(node, `<${node.name}> inside <label>`);
      } else if (kind) {
        checkPlugin(node, kind);
      } else if (node.name === 'label') {
        if (!node.arg.startsWith('@')) report(node, `label name ${JSON.stringify(node.arg)} must start with @`);
        if (!elements(node).some((c) => c.name === 'match')) report(node, '<label> without a <match>');
        checkTop(node.children, true);
      } else if (node.name === 'worker') {
        checkTop(node.children, false);
      } else if (node.name === 'system') {
        checkBody(node, scopeOf('<system>', catalog.plugins['system/system']));
      } else {
        // A snippet that is a lone section (<buffer>, <parse>, …).
        const section = anySection(node.name);
        if (!section) report(node, `<${node.name}> is neither a directive nor a known section`);
        else checkSection(node, section, `<${node.name}>`);
      }
    }
  };
  checkTop(document.children, false);
  return problems;
}

// ---- the snippets --------------------------------------------------------------------

const entries = Object.entries(snippets);

test('the snippet file has the pipelines of the reference EKS setups', () => {
  assert.ok(entries.length >= 14, `only ${entries.length} snippets`);
  const all = entries.map(([, s]) => bodyOf(s)).join('\n');
  for (const needle of [
    '@type tail',
    '@type json',
    '(?<logtag>[FP])',
    '@type kubernetes_metadata',
    '@type cloudwatch_logs',
    '@type systemd',
    '@type record_transformer',
    '@type kinesis_streams',
    '@type elasticsearch',
    '<label @',
    '@type multiline',
    '<match fluent.**>',
    '<system>',
  ]) {
    assert.ok(all.includes(needle), `no snippet contains ${needle}`);
  }
});

test('every snippet has a prefix, a body and a description', () => {
  for (const [name, s] of entries) {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    assert.ok(
      prefixes.length && prefixes.every((p) => typeof p === 'string' && /^[a-z][a-z0-9-]*$/.test(p)),
      `${name}: prefix ${JSON.stringify(s.prefix)}`,
    );
    const body = Array.isArray(s.body) ? s.body : [s.body];
    assert.ok(body.length && body.every((l) => typeof l === 'string'), `${name}: body must be a string or an array of strings`);
    assert.ok(typeof s.description === 'string' && s.description.trim().length >= 20, `${name}: description too short`);
    assert.deepEqual(Object.keys(s).sort(), ['body', 'description', 'prefix'], `${name}: unexpected keys`);
  }
});

test('prefixes are unique', () => {
  const seen = new Map<string, string>();
  for (const [name, s] of entries) {
    for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
      assert.ok(!seen.has(p), `prefix ${p} is used by both "${seen.get(p)}" and "${name}"`);
      seen.set(p, name);
    }
  }
});

test('tab stops are well-formed', async (t) => {
  for (const [name, s] of entries) {
    await t.test(name, () => {
      const parts = parseSnippet(bodyOf(s));
      assert.deepEqual(tabStopProblems(parts), []);
      assert.ok(
        tabStops(parts).some((x) => x.index > 0),
        'no tab stop to fill in',
      );
      for (const { label, text } of variants(parts)) {
        // A leaked snippet escape would end up in the user's config.
        assert.ok(!/\\[$}]/.test(text), `${label}: expansion still contains a snippet escape`);
      }
    });
  }
});

test('every expansion is a config Fluentd would take, checked against the plugin catalogue', async (t) => {
  for (const [name, s] of entries) {
    await t.test(name, () => {
      for (const { label, text } of variants(parseSnippet(bodyOf(s)))) {
        assert.deepEqual(checkConfig(text), [], `${label}:\n${text}`);
      }
    });
  }
});

// ---- the checks themselves can fail ----------------------------------------------------

test('the snippet syntax check rejects malformed tab stops', () => {
  assert.throws(() => parseSnippet('stream_name ${tag_parts[3]}'), /VS Code variable/);
  assert.throws(() => parseSnippet('path /var/log/$name'), /VS Code variable/);
  assert.throws(() => parseSnippet('expression /^a$/'), /unescaped/);
  assert.throws(() => parseSnippet('region ${1:"abc'), /unterminated placeholder/);
  // The classic slip: an unescaped } inside a default closes the placeholder early.
  assert.equal(expand(parseSnippet('region ${1:"#{ENV}"}')), 'region "#{ENV"}');
  assert.notDeepEqual(
    checkConfig(`<match **>\n  @type cloudwatch_logs\n  ${expand(parseSnippet('region ${1:"#{ENV}"}'))}\n</match>\n`),
    [],
  );
  assert.throws(() => parseSnippet('flag ${1|true,false}'), /unterminated choice|must end/);
  assert.throws(() => parseSnippet('flag ${1|true|}'), /two options/);
  assert.deepEqual(tabStopProblems(parseSnippet('a $1 b $3')), ['tab stops are not numbered 1..n without gaps: 1, 3']);
  assert.deepEqual(tabStopProblems(parseSnippet('${1:a} ${1:b}')), ['tab stop 1 has two different defaults']);
  assert.deepEqual(tabStopProblems(parseSnippet('$0 $0')), ['$0 appears more than once']);
  // What does parse, expands as VS Code would.
  const parts = parseSnippet('tag ${1:kubernetes.*} $1 ${2|a,b|} \\${tag} \\\\d{4\\} #{x}');
  assert.equal(expand(parts), 'tag kubernetes.* kubernetes.* a ${tag} \\d{4} #{x}');
  assert.deepEqual(
    variants(parts).map((v) => v.label),
    ['defaults', '${2} = b'],
  );
});

test('the catalogue checker finds wrong plugins, parameters, sections and values', () => {
  const problems = (text: string) => checkConfig(text).join('\n');
  assert.match(problems('<match **>\n  @type tail\n</match>\n'), /@type tail in <match> is not an output plugin \(known as: input\)/);
  assert.match(problems('<source>\n  @type tial\n</source>\n'), /not an input plugin \(known as: nothing\)/);
  assert.match(problems('<source>\n  path x\n</source>\n'), /<source> has no @type/);
  assert.match(problems('<match **>\n  @type cloudwatch_logs\n  log_group_nam x\n</match>\n'), /has no parameter 'log_group_nam'/);
  assert.match(
    problems('<match **>\n  @type cloudwatch_logs\n  json_handler oj\n</match>\n'),
    /json_handler: value "oj" is not one of yajl, json/,
  );
  assert.match(
    problems('<match **>\n  @type cloudwatch_logs\n  <buffer>\n    @type file\n    flush_intervall 5s\n  </buffer>\n</match>\n'),
    /buffer\/file has no parameter 'flush_intervall'/,
  );
  assert.match(
    problems('<match **>\n  @type cloudwatch_logs\n  <buffer>\n    @type disk\n  </buffer>\n</match>\n'),
    /@type disk is not a buffer plugin/,
  );
  assert.match(problems('<match **>\n  @type cloudwatch_logs\n  <bufer>\n  </bufer>\n</match>\n'), /has no section <bufer>/);
  const tail = problems('<source>\n  @type tail\n  tag x\n  read_from_head TRUE\n</source>\n');
  assert.match(tail, /input\/tail requires 'path'/);
  assert.match(tail, /read_from_head: value "TRUE" is not true, false, yes or no/);
  assert.match(problems('<parse>\n  @type regexp\n  expression /(?<a>x/\n</parse>\n'), /regexp \/\(\?<a>x\/ does not compile/);
  assert.match(problems('<buffer>\n  @type file\n  chunk_limit_size 1.5m\n</buffer>\n'), /chunk_limit_size: value "1.5m" is not a size/);
  assert.match(problems('<match **>\n  @type null\n  @label @x\n</match>\n'), /output\/null does not read @label/);
  assert.deepEqual(
    checkConfig('<match **>\n  @type relabel\n  @label @x\n</match>\n<label @x>\n  <match **>\n    @type null\n  </match>\n</label>\n'),
    [],
  );
  assert.match(problems('<label @x>\n  <source>\n    @type tail\n  </source>\n</label>\n'), /<source> inside <label>/);
  assert.match(problems('<source>\n  @type tail\n  path "a\n'), /unclosed|unterminated|end of file/i);
});

test('the catalogue checker accepts real configs Fluentd accepted', () => {
  // The CloudWatch flavour of the official Kubernetes DaemonSet image (verdict "ok" in the corpus).
  const dir = join(corpusRoot, 'valid', 'fluent+fluentd-kubernetes-daemonset', 'docker-image', 'v1.19', 'debian-cloudwatch', 'conf');
  for (const file of [
    'fluent.conf',
    'kubernetes.conf',
    'systemd.conf',
    'kubernetes/kubelet.conf',
    'kubernetes/kube-apiserver-audit.conf',
    'kubernetes/docker.conf',
  ]) {
    assert.deepEqual(checkConfig(readFileSync(join(dir, file), 'utf8')), [], file);
  }
});
