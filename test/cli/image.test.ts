// fluentd-lint --image IMAGE: the built CLI reports plugins the image's variant lacks, as errors
// that fail the run, and is quiet about them without the flag or with an image that has them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './harness';

const CONF = `<source>
  @type forward
</source>
<match app.**>
  @type kinesis_streams
  region us-east-1
  stream_name app
</match>
`;

describe('fluentd-lint --image', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-image-'));
    file = join(dir, 'fluent.conf');
    writeFileSync(file, CONF);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a plugin the image lacks is an error on its @type, naming the variants that have it (exit 1)', () => {
    const r = runCli(['--no-color', '--image', 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1', file]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /fluent\.conf:5:9: error: The output plugin 'kinesis_streams' is not in the image fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-cloudwatch-1: its variant debian-cloudwatch lacks the gem fluent-plugin-kinesis \(the variants that have it: debian-kinesis\)\. Fluentd would refuse to start\. \[plugin-not-in-image\]/,
    );
  });

  it('passes with the variant that ships the plugin, and without --image', () => {
    assert.equal(runCli(['--image', 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1', file]).status, 0);
    assert.equal(runCli([file]).status, 0);
  });

  it('JSON output carries the finding too', () => {
    const r = runCli(['--format', 'json', '--image', 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-forward-1', file]);
    const out = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; line: number }[] }[] };
    assert.deepEqual(
      out.files[0].diagnostics.map((d) => [d.code, d.line]),
      [['plugin-not-in-image', 5]],
    );
  });
});
