// `fluentd.deploy.image` over LSP: when the deploy image is set, a plugin its variant lacks is an
// error on its @type; unset (or changed to a variant that has it), the finding goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { TestConnection } from './test-connection';

const CONFIG = `<source>
  @type forward
</source>
<match app.**>
  @type kinesis_firehose
  region us-east-1
  delivery_stream_name app
</match>
`;

describe('fluentd.deploy.image over LSP', () => {
  it('reports plugins the deploy image lacks, and follows the setting', async () => {
    const conn = new TestConnection();
    try {
      await conn.initialize({
        diagnostics: { debounceMs: 10 },
        deploy: { image: 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1' },
      });
      const uri = 'file:///work/deploy-image/fluent.conf';
      await conn.open(uri, CONFIG, 1);
      const first = (await conn.nextDiagnostics(uri, 1)).diagnostics.filter((d) => d.code === 'plugin-not-in-image');
      assert.equal(first.length, 1);
      assert.equal(first[0].severity, 1);
      assert.deepEqual(first[0].range, { start: { line: 4, character: 8 }, end: { line: 4, character: 24 } });
      const message = first[0].message;
      assert.match(
        typeof message === 'string' ? message : message.value,
        /'kinesis_firehose' is not in the image .*debian-cloudwatch.*the variants that have it: debian-kinesis/,
      );

      const next = conn.nextDiagnostics(uri);
      await conn.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: {
          fluentd: { diagnostics: { debounceMs: 10 }, deploy: { image: 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1' } },
        },
      });
      assert.deepEqual(
        (await next).diagnostics.filter((d) => d.code === 'plugin-not-in-image'),
        [],
      );
    } finally {
      conn.dispose();
    }
  });

  it('says nothing about images while the setting is empty', async () => {
    const conn = new TestConnection();
    try {
      await conn.initialize({ diagnostics: { debounceMs: 10 }, deploy: { image: '' } });
      const uri = 'file:///work/deploy-image-none/fluent.conf';
      await conn.open(uri, CONFIG, 1);
      assert.ok(!(await conn.nextDiagnostics(uri, 1)).diagnostics.some((d) => d.code === 'plugin-not-in-image'));
    } finally {
      conn.dispose();
    }
  });
});
