// The plugin catalogue: the bundled data matches the shared facts it is built
// from, lookups, the definition that applies to an element, extra catalogue files.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { closest, damerauLevenshtein, defaultCatalog, normalizeCatalog, writtenType } from '../../../../src/language/catalog';
import { applyKnownFacts } from '../../../../src/language/catalog/known-facts';
import { loadCatalogFiles } from '../../../../src/language/catalog/load';
import { parse, type ElementNode } from '../../../../src/language/parser';
import { elements } from '../../../../src/language/walk';
import { repoRoot, sharedRoot } from '../../../helpers/corpus';

const catalog = defaultCatalog();
const sharedCatalog = join(sharedRoot, 'fluentd', 'catalog.json');

function elementAt(text: string, path: string[]): ElementNode {
  const doc = parse(text).document;
  for (const e of elements(doc.children)) {
    const names: string[] = [];
    for (let p: ElementNode | undefined = e; p; p = p.parent) names.unshift(p.name);
    if (names.join('/') === path.join('/')) return e;
  }
  throw new Error(`no element ${path.join('/')}`);
}

describe('bundled catalogue', () => {
  it('is what scripts/build-catalog.mjs makes from the shared catalog.json', { skip: !existsSync(sharedCatalog) }, () => {
    const { data, errors } = normalizeCatalog(JSON.parse(readFileSync(sharedCatalog, 'utf8')));
    assert.deepEqual(errors, []);
    applyKnownFacts(data);
    const bundled = JSON.parse(readFileSync(join(repoRoot, 'src/language/catalog/catalog.data.json'), 'utf8'));
    assert.deepEqual(bundled, JSON.parse(JSON.stringify(data)), 'catalog.data.json is stale: run node scripts/build-catalog.mjs');
  });
  it('keeps every plugin and its facts', () => {
    assert.equal(catalog.plugins().length, 100);
    const tail = catalog.plugin('input', 'tail')!;
    const path = catalog.findParam(tail, 'path')!;
    assert.equal(path.required, true);
    assert.equal(path.default, undefined);
    assert.equal(catalog.findParam(tail, 'pos_file')!.default, null);
    assert.deepEqual(catalog.findParam(tail, 'glob_policy')!.list, ['backward_compatible', 'extended', 'always']);
    assert.equal(catalog.findParam(tail, 'log_level')?.name, '@log_level', 'alias');
    assert.deepEqual(tail.compat, ['parser']);
    assert.ok(tail.raw_keys?.includes('format1'));
    assert.equal(tail.sections.parse.plugin_kind, 'parser');
    assert.equal(catalog.findParam(catalog.plugin('output', 'copy')!, 'deep_copy')!.deprecated, "use 'copy_mode' parameter instead");
    assert.ok(catalog.findParam(catalog.plugin('output', 'forward')!, 'host')!.obsoleted);
    assert.equal(catalog.plugin('output', 'rewrite_tag_filter')!.sections.rule.required, true);
    assert.equal(catalog.plugin('output', 'copy')!.sections.store.plugin_kind, 'output');
    assert.ok(catalog.plugin('filter', 'record_transformer')!.raw_elements?.record);
  });
  it('names kinds and plugins', () => {
    assert.equal(catalog.kindOfDirective('source'), 'input');
    assert.equal(catalog.kindOfDirective('match'), 'output');
    assert.equal(catalog.kindOfDirective('filter'), 'filter');
    assert.equal(catalog.kindOfDirective('parse'), 'parser');
    assert.equal(catalog.kindOfDirective('format'), 'formatter');
    assert.equal(catalog.kindOfDirective('buffer'), 'buffer');
    assert.equal(catalog.kindOfDirective('store'), 'output');
    assert.equal(catalog.kindOfDirective('secondary'), 'output');
    assert.equal(catalog.kindOfDirective('service_discovery'), 'sd');
    assert.equal(catalog.kindOfDirective('inject'), undefined);
    assert.ok(catalog.pluginNames('output').includes('cloudwatch_logs'));
    assert.deepEqual(catalog.pluginNames('buffer'), ['file', 'file_single', 'memory']);
    assert.deepEqual(catalog.kindsOf('json').sort(), ['formatter', 'parser']);
  });
  it('links docs: docs.fluentd.org for core plugins, the repository for the others', () => {
    assert.equal(catalog.docsUrl(catalog.plugin('input', 'tail')!), 'https://docs.fluentd.org/input/tail');
    assert.equal(catalog.docsUrl(catalog.plugin('buffer', 'file')!), 'https://docs.fluentd.org/buffer/file');
    assert.equal(catalog.docsUrl(catalog.plugin('sd', 'static')!), 'https://docs.fluentd.org/service_discovery/static');
    assert.equal(
      catalog.docsUrl(catalog.plugin('output', 'cloudwatch_logs')!),
      'https://github.com/fluent-plugins-nursery/fluent-plugin-cloudwatch-logs',
    );
  });
});

describe('definitionFor', () => {
  const conf = [
    '<source>',
    '  @type tail',
    '  <parse>',
    '    @type regexp',
    '  </parse>',
    '</source>',
    '<match **>',
    '  @type file',
    '  <buffer tag>',
    '  </buffer>',
    '  <secondary>',
    '  </secondary>',
    '  <bogus>',
    '  </bogus>',
    '</match>',
    '<match copy.**>',
    '  @type copy',
    '  <store>',
    '    @type cloudwatch_logs',
    '    <buffer>',
    '    </buffer>',
    '  </store>',
    '</match>',
    '<label @x>',
    '  <filter **>',
    '    @type record_transformer',
    '    <record>',
    '      a b',
    '    </record>',
    '  </filter>',
    '</label>',
  ].join('\n');
  it('a directive is its @type plugin', () => {
    const r = catalog.definitionFor(elementAt(conf, ['source']));
    assert.equal(r.role, 'directive');
    assert.equal(r.plugin?.id, 'input/tail');
    assert.ok(catalog.findParam(r, 'path'));
  });
  it('a plugin-typed section merges the section schema with its plugin', () => {
    const parse = catalog.definitionFor(elementAt(conf, ['source', 'parse']));
    assert.equal(parse.plugin?.id, 'parser/regexp');
    assert.ok(catalog.findParam(parse, '@type'));
    assert.ok(catalog.findParam(parse, 'expression'));
    const buffer = catalog.definitionFor(elementAt(conf, ['match', 'buffer']));
    assert.equal(buffer.plugin?.id, 'buffer/file', "out_file's <buffer> defaults to @type file");
    assert.equal(buffer.typeWritten, false);
    assert.ok(catalog.findParam(buffer, 'timekey'), 'schema param');
    assert.ok(catalog.findParam(buffer, 'chunk_limit_size'), 'plugin param');
  });
  it('<secondary> without @type is the primary plugin again', () => {
    const r = catalog.definitionFor(elementAt(conf, ['match', 'secondary']));
    assert.equal(r.plugin?.id, 'output/file');
  });
  it('<store> is an output, its <buffer> that output’s buffer', () => {
    const store = catalog.definitionFor(elementAt(conf, ['match', 'store']));
    assert.equal(store.plugin?.id, 'output/cloudwatch_logs');
    assert.ok(catalog.findParam(store, 'weight') === undefined);
    const buf = catalog.definitionFor(elementAt(conf, ['match', 'store', 'buffer']));
    assert.equal(buf.plugin?.id, 'buffer/memory');
  });
  it('undeclared and hand-read elements', () => {
    assert.equal(catalog.definitionFor(elementAt(conf, ['match', 'bogus'])).role, 'unknown');
    assert.equal(catalog.definitionFor(elementAt(conf, ['label', 'filter', 'record'])).role, 'raw');
    const filter = catalog.definitionFor(elementAt(conf, ['label', 'filter']));
    assert.equal(filter.role, 'directive');
    assert.equal(catalog.definitionFor(elementAt(conf, ['label'])).role, 'label');
  });
  it('an unknown plugin makes the definition incomplete', () => {
    const r = catalog.definitionFor(elementAt('<match **>\n  @type kafka2\n</match>', ['match']));
    assert.equal(r.plugin, undefined);
    assert.equal(r.complete, false);
  });
  it('writtenType reads @type, then the old type', () => {
    assert.equal(writtenType(elementAt('<source>\n  type tail\n</source>', ['source'])), 'tail');
    assert.equal(writtenType(elementAt('<source>\n  type x\n  @type tail\n</source>', ['source'])), 'tail');
  });
});

describe('did-you-mean', () => {
  it('Damerau-Levenshtein counts a swap as one edit', () => {
    assert.equal(damerauLevenshtein('tial', 'tail'), 1);
    assert.equal(damerauLevenshtein('flush_intervall', 'flush_interval'), 1);
    assert.equal(damerauLevenshtein('abc', 'xyz'), 3);
    assert.equal(damerauLevenshtein('abcdef', 'a', 2), 3, 'stops past the bound');
  });
  it('closest within a bound', () => {
    assert.equal(closest('tial', ['tail', 'tcp', 'udp']), 'tail');
    assert.equal(closest('cloudwatch_log', catalog.pluginNames('output')), 'cloudwatch_logs');
    assert.equal(closest('kafka', catalog.pluginNames('output')), undefined);
    assert.equal(closest('JSON', ['json', 'ltsv']), 'json');
  });
});

describe('extra catalogue files (fluentd.catalogs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-catalog-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const inHouse = {
    plugins: {
      'output/acme_logs': {
        params: [
          { name: 'endpoint', type: 'string', required: true },
          { name: 'mode', type: 'enum', required: false, default: 'fast', list: ['fast', 'safe'] },
        ],
        sections: {
          buffer: {
            params: [{ name: '@type', type: 'string', required: false, default: 'memory' }],
            sections: {},
            required: false,
            multi: false,
          },
        },
        repo: 'acme/fluent-plugin-acme-logs',
      },
    },
  };
  it('adds plugins to the bundled ones', () => {
    const { catalog: merged, errors } = loadCatalogFiles([file('acme.json', JSON.stringify(inHouse))]);
    assert.deepEqual(errors, []);
    const acme = merged.plugin('output', 'acme_logs')!;
    assert.equal(acme.origin, join(dir, 'acme.json'));
    assert.equal(catalog.findParam(acme, 'endpoint')?.required, true);
    assert.equal(acme.sections.buffer.plugin_kind, 'buffer');
    assert.ok(merged.plugin('input', 'tail'), 'bundled plugins stay');
    assert.equal(defaultCatalog().plugin('output', 'acme_logs'), undefined, 'the bundled catalogue is not changed');
    assert.equal(merged.docsUrl(acme), 'https://github.com/acme/fluent-plugin-acme-logs');
  });
  it('reports bad files clearly and keeps going', () => {
    const { catalog: merged, errors } = loadCatalogFiles([
      join(dir, 'missing.json'),
      file('broken.json', '{"plugins": {'),
      file('array.json', '[1,2]'),
      file(
        'partial.json',
        JSON.stringify({
          plugins: { 'nonsense/x': {}, 'input/ok_one': { params: [{ type: 'string' }] }, 'filter/fine': { params: [], sections: {} } },
        }),
      ),
    ]);
    const by = (name: string) => errors.filter((e) => e.path.endsWith(name)).map((e) => e.message);
    assert.match(by('missing.json')[0], /cannot read the catalogue file/);
    assert.match(by('broken.json')[0], /not valid JSON/);
    assert.match(by('array.json')[0], /not a JSON object/);
    assert.ok(by('partial.json').some((m) => /nonsense\/x: the key must be "kind\/name"/.test(m)));
    assert.ok(by('partial.json').some((m) => /params\[0\]: needs a "name"/.test(m)));
    assert.ok(merged.plugin('filter', 'fine'), 'the good entries of a partly bad file are used');
    assert.ok(merged.plugin('input', 'ok_one'));
  });
});
