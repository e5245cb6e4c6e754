// Parameter descriptions and usage ranking (param-docs/): every description names a real
// parameter; every parameter the corpus sets (far more than the 150 most used) has one,
// found the way hover finds it; the committed usage counts agree with the corpus; hover
// says "no default", never Ruby's nil; completion ranks required, then commonly used,
// then the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCatalog, type ParamDef, type SectionDef } from '../../../../src/language/catalog';
import { countParamUsage } from '../../../../src/language/param-docs/count-usage';
import { bundledUsage, PARAM_DESCRIPTIONS, paramDescription } from '../../../../src/language/param-docs';
import { FluentdLanguageService } from '../../../../src/language/service';
import { corpusAvailable, corpusRoot } from '../../../helpers/corpus';

const catalog = defaultCatalog();

/** Every parameter declaration of the catalogue, with the section it sits in (undefined: the plugin itself). */
function declarations(): { def: ParamDef; section?: string; plugin: string }[] {
  const out: { def: ParamDef; section?: string; plugin: string }[] = [];
  const walk = (plugin: string, params: readonly ParamDef[], sections: Record<string, SectionDef>, section?: string) => {
    for (const def of params) out.push({ def, section, plugin });
    for (const s of Object.values(sections)) walk(plugin, s.params, s.sections, s.name);
  };
  for (const p of catalog.plugins()) walk(p.id, p.params, p.sections);
  return out;
}

test('every description names a parameter the catalogue declares (no typos, nothing made up)', () => {
  const known = new Set<string>();
  for (const { def, section } of declarations()) {
    known.add(`${def.from}#${def.name}`);
    if (section) known.add(`${def.from}<${section}>#${def.name}`);
    known.add(`#${def.name}`);
  }
  const unknown = Object.keys(PARAM_DESCRIPTIONS).filter((k) => !known.has(k));
  assert.deepEqual(unknown, []);
});

test('descriptions are one short line each', () => {
  for (const [key, text] of Object.entries(PARAM_DESCRIPTIONS)) {
    assert.ok(!text.includes('\n') && text.length <= 200 && /[.)]$/.test(text), `${key}: ${text}`);
  }
});

test('every parameter real configs set has a description (at least the 150 most used), wherever it is declared', () => {
  const used = Object.entries(bundledUsage.params)
    .filter(([, [n]]) => n > 0)
    .sort((a, b) => b[1][0] - a[1][0]);
  assert.ok(used.length >= 150, `only ${used.length} parameters in the usage counts`);
  const byKey = new Map<string, { def: ParamDef; section?: string; plugin: string }[]>();
  for (const d of declarations()) {
    const key = `${d.def.from}#${d.def.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  const missing: string[] = [];
  for (const [key] of used) {
    const places = byKey.get(key) ?? [];
    assert.ok(places.length, `${key} is counted but not in the catalogue`);
    for (const p of places)
      if (!paramDescription(p.def, p.section)) missing.push(`${key} (${p.plugin}${p.section ? ` <${p.section}>` : ''})`);
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('the committed usage counts are what the corpus gives today (re-run scripts/build-param-usage.mjs when it changes)', (t) => {
  if (!corpusAvailable()) return t.skip('../shared/corpus is not there');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.conf')) files.push(p);
    }
  };
  walk(join(corpusRoot, 'valid'));
  const counted = countParamUsage(
    files.map((f) => readFileSync(f, 'utf8')),
    catalog,
  );
  assert.deepEqual(counted, bundledUsage);
  // what the ranking rests on: in_tail's path and tag are set by every in_tail source
  assert.deepEqual(counted.params['TailInput#path'], [counted.contexts['input/tail'], counted.contexts['input/tail']]);
});

const service = new FluentdLanguageService();
let version = 0;

function at(text: string): { doc: TextDocument; pos: { line: number; character: number } } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  return {
    doc: TextDocument.create('file:///param-docs/fluent.conf', 'fluentd', ++version, text.replace('|', '')),
    pos: { line, character: lines[line].indexOf('|') },
  };
}

function hoverText(text: string): string {
  const { doc, pos } = at(text);
  return (service.hover(doc, pos)!.contents as { value: string }).value;
}

test('hover: what the parameter does, and "no default" instead of Ruby\'s nil', () => {
  const stream = hoverText('<match app.**>\n  @type cloudwatch_logs\n  log_stre|am_name x\n</match>\n');
  assert.match(stream, /^\*\*`log_stream_name`\*\* · \*string\* · no default\n\nLog stream within the group/);
  assert.doesNotMatch(stream, /nil/);
  // a buffer parameter shared by every output: one text, found through the section's owner
  const flush = hoverText('<match app.**>\n  @type cloudwatch_logs\n  <buffer>\n    flush_inte|rval 5s\n  </buffer>\n</match>\n');
  assert.match(flush, /How often buffered chunks are written to the destination/);
  const inEs = hoverText('<match app.**>\n  @type opensearch\n  <buffer>\n    flush_inte|rval 5s\n  </buffer>\n</match>\n');
  assert.match(inEs, /How often buffered chunks are written to the destination/);
  // a section-specific text wins over the class-wide one (<system> <log> path)
  assert.match(hoverText('<system>\n  <log>\n    pa|th /var/log/fluentd.log\n  </log>\n</system>\n'), /File Fluentd writes its own log to/);
  // @log_level means the same in every plugin
  assert.match(hoverText('<source>\n  @type tail\n  @log_le|vel warn\n</source>\n'), /Log level of this plugin alone/);
});

function completionLabels(text: string): string[] {
  const { doc, pos } = at(text);
  return service
    .completion(doc, pos)
    .items.filter((i) => i.kind === 10 /* Property */)
    .sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0))
    .map((i) => String(i.label));
}

test('completion ranks required, then commonly used (corpus frequency), then the rest', () => {
  const cw = completionLabels('<match app.**>\n  @type cloudwatch_logs\n  |\n</match>\n');
  // the parameters the corpus sets with cloudwatch_logs, most used first
  assert.deepEqual(cw.slice(0, 3), ['auto_create_stream', 'log_group_name', 'use_tag_as_stream']);
  const before = (a: string, b: string) =>
    assert.ok(cw.indexOf(a) >= 0 && cw.indexOf(a) < cw.indexOf(b), `${a} before ${b}: ${cw.join(' ')}`);
  before('log_stream_name', '@log_level');
  for (const sts of cw.filter((l) => l.startsWith('aws_sts_'))) before('log_stream_name', sts);
  // never-set parameters follow by name
  const rest = cw.slice(cw.indexOf('aws_ecs_authentication'));
  assert.deepEqual(rest, [...rest].sort());
  // required parameters come first: in_tail's path and tag
  const tail = completionLabels('<source>\n  @type tail\n  |\n</source>\n');
  assert.deepEqual(tail.slice(0, 2), ['path', 'tag']);
  assert.equal(tail[2], 'pos_file');
  // and the detail says "no default"
  const { doc, pos } = at('<match app.**>\n  @type cloudwatch_logs\n  |\n</match>\n');
  const item = service.completion(doc, pos).items.find((i) => i.label === 'log_stream_name')!;
  assert.equal(item.detail, 'string · no default');
  assert.match((item.documentation as { value: string }).value, /Log stream within the group/);
});
