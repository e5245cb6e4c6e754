// The least-privilege IAM policy derived from a config's cloudwatch_logs outputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyForDeploy } from '../../../src/kube/iam';
import { iamPolicy, type IamPolicy } from '../../../src/kube/iam-policy';
import { cloudWatchOutputs, resolveEmbedded } from '../../../src/kube/iam-scan';
import { withDefaults } from '../../../src/kube/settings';
import { loadTemplates } from '../../../src/kube/templates';

const conf = (body: string) => [{ path: 'fluent.conf', text: body }];
const actions = (p: IamPolicy) => [...new Set(p.Statement.flatMap((s) => s.Action))].sort();
const resources = (p: IamPolicy, action: string) => p.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);

describe('kube IAM policy', () => {
  it('covers the default config: both groups, created on demand, nothing more', () => {
    const settings = withDefaults({ clusterName: 'demo', region: 'us-west-2' });
    const p = policyForDeploy([{ path: 'fluent.conf', text: loadTemplates().defaultConfig }], settings);
    assert.equal(p.Version, '2012-10-17');
    assert.deepEqual(actions(p), [
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
    ]);
    assert.deepEqual(resources(p, 'logs:PutLogEvents').sort(), [
      'arn:aws:logs:us-west-2:*:log-group:/eks/demo/containers:log-stream:*',
      'arn:aws:logs:us-west-2:*:log-group:/eks/demo/systemd:log-stream:*',
    ]);
    assert.ok(resources(p, 'logs:CreateLogGroup').includes('arn:aws:logs:us-west-2:*:log-group:/eks/demo/containers'));
    assert.deepEqual(resources(p, 'logs:DescribeLogGroups'), ['arn:aws:logs:us-west-2:*:log-group:*']);
    assert.equal(new Set(p.Statement.map((s) => s.Sid)).size, p.Statement.length, 'Sids are unique');
    assert.ok(
      p.Statement.every((s) => /^[A-Za-z0-9]+$/.test(s.Sid)),
      'Sids are alphanumeric',
    );
  });

  it('asks for no Create* when the groups and streams must already exist', () => {
    const p = iamPolicy(
      cloudWatchOutputs(conf('<match app.**>\n  @type cloudwatch_logs\n  log_group_name /apps/x\n  log_stream_name s1\n</match>\n')),
      { region: 'eu-central-1' },
    );
    assert.deepEqual(actions(p), ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
  });

  it('adds PutRetentionPolicy and TagResource only when groups are created with them', () => {
    const text =
      '<match a>\n  @type cloudwatch_logs\n  log_group_name g\n  use_tag_as_stream true\n  auto_create_stream true\n  retention_in_days 7\n  log_group_aws_tags {"team":"x"}\n</match>\n';
    assert.deepEqual(actions(iamPolicy(cloudWatchOutputs(conf(text)))), [
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
      'logs:PutRetentionPolicy',
      'logs:TagResource',
    ]);
    const noCreate = text.replace('  auto_create_stream true\n', '');
    assert.ok(!actions(iamPolicy(cloudWatchOutputs(conf(noCreate)))).includes('logs:PutRetentionPolicy'));
  });

  it('widens to * where the group is only known at run time', () => {
    const outs = cloudWatchOutputs(
      conf(
        [
          '<match a>\n  @type cloudwatch_logs\n  use_tag_as_group true\n  use_tag_as_stream true\n</match>',
          '<match b>\n  @type cloudwatch_logs\n  log_group_name_key group\n  use_tag_as_stream true\n</match>',
          '<match c>\n  @type cloudwatch_logs\n  log_group_name "/x/#{ENV[\'UNSET\']}/y"\n  use_tag_as_stream true\n</match>',
          '<match d>\n  @type cloudwatch_logs\n  log_group_name "/x/#{Socket.gethostname}"\n  use_tag_as_stream true\n</match>',
          '<match e>\n  @type cloudwatch_logs\n  log_group_name /logs/${tag}\n  use_tag_as_stream true\n</match>',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      outs.map((o) => o.logGroup),
      ['*', '*', '/x/*/y', '/x/*', '/logs/*'],
    );
  });

  it('finds outputs inside <label> and <store>, and ignores other plugins', () => {
    const text =
      '<label @CW>\n  <match **>\n    @type copy\n    <store>\n      @type cloudwatch_logs\n      log_group_name g1\n      use_tag_as_stream true\n    </store>\n    <store>\n      @type stdout\n    </store>\n  </match>\n</label>\n<match x>\n  @type s3\n</match>\n';
    assert.deepEqual(
      cloudWatchOutputs(conf(text)).map((o) => o.logGroup),
      ['g1'],
    );
    assert.deepEqual(iamPolicy([]).Statement, []);
  });

  it('resolves the ENV references Fluentd would', () => {
    const env = { A: 'va', EMPTY: '' };
    assert.equal(resolveEmbedded("#{ENV['A']}", env), 'va');
    assert.equal(resolveEmbedded('#{ENV["A"]}/x', env), 'va/x');
    assert.equal(resolveEmbedded("#{ENV.fetch('B', 'dflt')}", env), 'dflt');
    assert.equal(resolveEmbedded("#{ENV['B'] || 'd2'}", env), 'd2');
    assert.equal(resolveEmbedded("#{ENV['EMPTY']}", env), '*');
    assert.equal(resolveEmbedded('#{1 + 1}', env), '*');
  });

  it('uses each output region, falling back to the deploy region', () => {
    const text =
      '<match a>\n  @type cloudwatch_logs\n  region ap-south-1\n  log_group_name g\n  use_tag_as_stream true\n</match>\n<match b>\n  @type cloudwatch_logs\n  log_group_name h\n  use_tag_as_stream true\n</match>\n';
    const p = iamPolicy(cloudWatchOutputs(conf(text)), { region: 'us-east-1', account: '123456789012' });
    assert.deepEqual(resources(p, 'logs:PutLogEvents'), [
      'arn:aws:logs:ap-south-1:123456789012:log-group:g:log-stream:*',
      'arn:aws:logs:us-east-1:123456789012:log-group:h:log-stream:*',
    ]);
  });
});
