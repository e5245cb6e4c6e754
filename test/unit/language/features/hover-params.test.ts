// Hover on parameters, values, plugins and elements of real-looking configs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultCatalog } from '../../../../src/language/catalog';
import { PLUGIN_SUMMARIES } from '../../../../src/language/plugin-summaries';
import { FluentdLanguageService } from '../../../../src/language/service';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../helpers/corpus';

const service = new FluentdLanguageService();

/** Hover at the `|` in `marked`: its Markdown ('' when none) and range. */
function hoverAt(marked: string) {
  const i = marked.indexOf('|');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const doc = TextDocument.create('file:///h.conf', 'fluentd', 1, text);
  const h = service.hover(doc, doc.positionAt(i));
  return { md: h ? (h.contents as MarkupContent).value : '', range: h?.range, doc };
}

const CW = '<match kubernetes.**>\n  @type cloudwatch_logs\n  log_group_name /eks/app\n  <buffer>\n    ';
const END = '\n  </buffer>\n</match>\n';

test('a parameter key: type, default, whose parameter it is, docs link', () => {
  const { md, range, doc } = hoverAt(CW + 'flush_inter|val 5s' + END);
  assert.match(md, /\*\*`flush_interval`\*\* · \*time\* · default `60` \(1m\)/);
  assert.match(md, /Parameter of the `<buffer>` section of output plugin `cloudwatch_logs`/);
  assert.match(md, /\[Documentation\]\(https:\/\/github\.com\/fluent-plugins-nursery\/fluent-plugin-cloudwatch-logs\)/);
  assert.equal(doc.getText(range), 'flush_interval');
});

test('a size value says how many bytes Fluentd will use', () => {
  const { md, range, doc } = hoverAt(CW + 'chunk_limit_size 2|m' + END);
  assert.match(md, /2m = 2,097,152 bytes/);
  assert.equal(doc.getText(range), '2m');
  assert.doesNotMatch(md, /not what you meant/);
  assert.match(hoverAt(CW + 'chunk_limit_size 8 M|B' + END).md, /8 MB = 8 bytes.*probably not what you meant/);
});

test('a surprising time value says what Fluentd will use and warns', () => {
  const { md } = hoverAt(CW + 'flush_interval 5|00ms' + END);
  assert.match(md, /500ms = 30,000 seconds/);
  assert.match(md, /probably not what you meant/);
  assert.match(md, /not 0\.5 seconds/);
  assert.match(hoverAt(CW + 'flush_interval 1|0M' + END).md, /10M = 10 seconds/);
});

test('a bool Fluentd reads as nil is an error in hover too', () => {
  const { md } = hoverAt('<source>\n  @type tail\n  read_from_head TR|UE\n</source>\n');
  assert.match(md, /TRUE → nil/);
  assert.match(md, /⛔/);
});

test('@type: the plugin summary, its required parameters and its docs page', () => {
  const { md } = hoverAt('<source>\n  @type ta|il\n</source>\n');
  assert.match(md, /\*\*input plugin `tail`\*\* — Follows files/);
  assert.match(md, /Required: `path`, `tag`/);
  assert.match(md, /https:\/\/docs\.fluentd\.org\/input\/tail/);
  assert.match(hoverAt('<match **>\n  @type cloudwatch_logs|\n</match>\n').md, /CloudWatch Logs/);
  assert.match(hoverAt('<match **>\n  @type nosuch|thing\n</match>\n').md, /No output plugin named `nosuchthing`/);
});

test('required, deprecated, secret', () => {
  assert.match(hoverAt('<source>\n  @type tail\n  pa|th x\n</source>\n').md, /\*\*required\*\*/);
  assert.match(hoverAt('<match **>\n  @type s3\n  force_path_st|yle true\n</match>\n').md, /Deprecated/);
  assert.match(hoverAt('<match **>\n  @type s3\n  aws_sec_k|ey x\n</match>\n').md, /Secret/);
});

test('an unknown key of a known plugin, and a flat v0.12 key', () => {
  assert.match(hoverAt('<match **>\n  @type s3\n  s3_buck|t x\n</match>\n').md, /not a parameter of output plugin `s3`.*is not used/);
  assert.match(hoverAt('<match **>\n  @type s3\n  s3_bucket b\n  flush_inter|val 10s\n</match>\n').md, /flat v0\.12 parameter.*`<buffer>`/);
});

test('elements: directives, sections with their facts', () => {
  const m = hoverAt('<ma|tch app.**>\n  @type s3\n  s3_bucket b\n</match>\n').md;
  assert.match(m, /Where events go/);
  assert.match(m, /output plugin `s3`/);
  const b = hoverAt('<match **>\n  @type s3\n  <buf|fer tag>\n  </buffer>\n</match>\n').md;
  assert.match(b, /section of output plugin `s3`/);
  assert.match(b, /At most once/);
  assert.match(b, /chooses a buffer plugin \(default `memory`\)/);
});

test('@label: where the label is defined, or that it is missing', () => {
  const text = '<source>\n  @type forward\n  @label @a|pp\n</source>\n<label @app>\n  <match **>\n    @type null\n  </match>\n</label>\n';
  assert.match(hoverAt(text).md, /Defined at line 5/);
  assert.match(hoverAt('<source>\n  @type forward\n  @label @no|ne\n</source>\n').md, /No `<label @none>`/);
});

test('nothing on blank lines and comments', () => {
  assert.equal(hoverAt('<source>\n  @type tail\n  |\n</source>\n').md, '');
  assert.equal(hoverAt('# a com|ment\n<source>\n  @type tail\n</source>\n').md, '');
});

test('every bundled plugin has a written summary', () => {
  const missing = defaultCatalog()
    .plugins()
    .filter((p) => !PLUGIN_SUMMARIES[p.id])
    .map((p) => p.id);
  assert.deepEqual(missing, []);
});

test('hover at every third character of the corpus configs never throws', { skip: !corpusAvailable() }, () => {
  let shown = 0;
  for (const [i, { text: config }] of [...validConfigs(), ...invalidCases(), ...acceptedButWrong()].entries()) {
    const doc = TextDocument.create(`file:///hc/${i}.conf`, 'fluentd', 1, config);
    const text = doc.getText();
    for (let off = 0; off <= text.length; off += 3) if (service.hover(doc, doc.positionAt(off))) shown++;
  }
  assert.ok(shown > 5000, `only ${shown} hovers`);
});
