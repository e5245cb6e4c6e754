// The image ↔ plugin check: which fluentd-kubernetes-daemonset variant ships which plugin, read
// from the variants' Gemfiles (../shared/fluentd/image-gems.json) through the generated data file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCatalog } from '../../../../src/language/catalog';
import { daemonsetImage, imagePluginCheck, missingFromVariant } from '../../../../src/language/checks/image-plugins';
import { parse } from '../../../../src/language/parser';
import { repoRoot, sharedRoot } from '../../../helpers/corpus';

const check = (image: string, text: string) => {
  const document = TextDocument.create('file:///w/fluent.conf', 'fluentd', 1, text);
  return imagePluginCheck(image)({ document, parsed: parse(text), catalog: defaultCatalog() });
};
const KINESIS = `<match app.**>
  @type kinesis_streams
  stream_name logs
  region us-east-1
</match>
`;

describe('daemonset image variants', () => {
  it('reads the variant from the tag forms the project publishes', () => {
    const v = (image: string) => daemonsetImage(image)?.variant;
    assert.equal(v('fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1'), 'debian-kinesis');
    assert.equal(v('docker.io/fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-kinesis-amd64-1.0'), 'debian-kinesis');
    assert.equal(v('fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1'), 'debian-cloudwatch');
    assert.equal(v('fluent/fluentd-kubernetes-daemonset:v1.19-debian-kafka2-1'), 'debian-kafka2', 'the longest variant name wins');
    assert.equal(v('fluent/fluentd-kubernetes-daemonset:v1.19-debian-kafka-1'), 'debian-kafka');
    assert.equal(v('fluent/fluentd-kubernetes-daemonset:v1.19-debian-elasticsearch8-1@sha256:abcd'), 'debian-elasticsearch8');
  });

  it('says nothing about other images or unknown tags', () => {
    for (const image of [
      'fluent/fluentd:v1.19-1',
      'my.registry:5000/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1',
      'fluent/fluentd-kubernetes-daemonset:latest',
      'fluent/fluentd-kubernetes-daemonset@sha256:abcd',
      'fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesisx-1',
    ]) {
      assert.equal(daemonsetImage(image), undefined, image);
    }
  });

  it('agrees with the variants’ Gemfiles for the plugins the reference setups use', () => {
    assert.deepEqual(missingFromVariant('output', 'kinesis_streams', 'debian-cloudwatch')?.variants, ['debian-kinesis']);
    assert.equal(missingFromVariant('output', 'kinesis_streams', 'debian-kinesis'), undefined);
    assert.deepEqual(missingFromVariant('output', 'cloudwatch_logs', 'debian-forward')?.variants, ['debian-cloudwatch']);
    assert.deepEqual(missingFromVariant('output', 'opensearch', 'debian-elasticsearch8')?.variants, ['debian-opensearch']);
    assert.deepEqual(missingFromVariant('output', 'elasticsearch', 'debian-opensearch')?.variants, [
      'debian-elasticsearch7',
      'debian-elasticsearch8',
      'debian-elasticsearch9',
    ]);
    assert.deepEqual(missingFromVariant('output', 's3', 'debian-kinesis')?.variants, ['debian-s3']);
    // in every variant: kubernetes_metadata, systemd, the multi-format and CRI parsers, Fluentd's own plugins
    for (const [kind, name] of [
      ['filter', 'kubernetes_metadata'],
      ['input', 'systemd'],
      ['parser', 'multi_format'],
      ['parser', 'cri'],
      ['output', 'forward'],
      ['input', 'syslog'],
      ['parser', 'kubernetes'],
    ] as const) {
      assert.equal(missingFromVariant(kind, name, 'debian-forward'), undefined, `${kind}/${name}`);
    }
  });

  // ../shared beside the checkout (a worktree is one level deeper)
  const shared = [sharedRoot, resolve(repoRoot, '..', '..', 'shared')].find((d) => existsSync(join(d, 'fluentd/image-gems.json')));
  it('matches the shared Gemfile facts it was generated from', { skip: !shared }, () => {
    const gems = JSON.parse(readFileSync(join(shared!, 'fluentd/image-gems.json'), 'utf8')) as {
      variants: Record<string, Record<string, unknown>>;
    };
    for (const [variant, list] of Object.entries(gems.variants)) {
      assert.equal(missingFromVariant('output', 'kinesis_firehose', variant) === undefined, 'fluent-plugin-kinesis' in list, variant);
      assert.equal(
        missingFromVariant('output', 'cloudwatch_logs', variant) === undefined,
        'fluent-plugin-cloudwatch-logs' in list,
        variant,
      );
    }
  });
});

describe('imagePluginCheck', () => {
  it('is an error on the @type value naming the plugin and the variants that have it', () => {
    const found = check('fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1', KINESIS);
    assert.equal(found.length, 1);
    const d = found[0];
    assert.equal(d.code, 'plugin-not-in-image');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [1, 8, 23]);
    assert.match(d.message, /output plugin 'kinesis_streams' is not in the image .*v1\.19-debian-cloudwatch-1/);
    assert.match(d.message, /lacks the gem fluent-plugin-kinesis \(the variants that have it: debian-kinesis\)/);
  });

  it('finds nothing when the image has the plugin, or when the image is not a known variant', () => {
    assert.deepEqual(check('fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1', KINESIS), []);
    assert.deepEqual(check('my-registry/fluentd-custom:1', KINESIS), []);
  });

  it('judges every plugin-typed element: sources, filters, stores of copy, parse sections', () => {
    const text = `<source>
  @type s3
  s3_bucket b
  <sqs>
    queue_name q
  </sqs>
</source>
<filter **>
  @type dedot
</filter>
<match **>
  @type copy
  <store>
    @type opensearch
  </store>
  <store>
    @type stdout
  </store>
</match>
`;
    const found = check('fluent/fluentd-kubernetes-daemonset:v1.19-debian-forward-1', text);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, (d.data as { name: string }).name]),
      [
        [1, 's3'],
        [8, 'dedot'],
        [13, 'opensearch'],
      ],
    );
  });
});
