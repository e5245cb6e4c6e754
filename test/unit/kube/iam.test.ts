// The least-privilege IAM policy derived from a config's cloudwatch_logs outputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyForDeploy } from '../../../src/kube/iam';
import { destinationsPolicy, iamPolicy, type IamPolicy } from '../../../src/kube/iam-policy';
import { awsDestinations, cloudWatchOutputs, domainFromEndpoint, resolveEmbedded } from '../../../src/kube/iam-scan';
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

  // issue 13, item 9: the policy missed destinations, so the deploy failed closed (AccessDenied at run time)
  it('log_group_name_key wins over log_group_name: the group comes from the records, so any group', () => {
    const text =
      '<match a>\n  @type cloudwatch_logs\n  log_group_name /fixed\n  log_group_name_key group\n  use_tag_as_stream true\n</match>\n';
    assert.deepEqual(
      cloudWatchOutputs(conf(text)).map((o) => o.logGroup),
      ['*'],
    );
    assert.ok(
      resources(iamPolicy(cloudWatchOutputs(conf(text)), { region: 'us-east-1' }), 'logs:PutLogEvents').includes(
        'arn:aws:logs:us-east-1:*:log-group:*:log-stream:*',
      ),
    );
  });

  it('scans <secondary> outputs: their own type, or the primary’s when they name none', () => {
    const text =
      '<match a>\n  @type s3\n  s3_bucket primary\n  <secondary>\n    @type cloudwatch_logs\n    log_group_name /fallback\n    use_tag_as_stream true\n  </secondary>\n</match>\n' +
      '<match b>\n  @type cloudwatch_logs\n  log_group_name /main\n  use_tag_as_stream true\n  <secondary>\n    log_group_name /spare\n  </secondary>\n</match>\n';
    assert.deepEqual(
      cloudWatchOutputs(conf(text)).map((o) => o.logGroup),
      ['/fallback', '/main', '/spare'],
    );
  });

  it('Kinesis streams and Firehose: the put call on each named stream, placeholders as *', () => {
    const text =
      '<match a>\n  @type kinesis_streams\n  region eu-west-1\n  stream_name s-${tag}\n</match>\n<match b>\n  @type kinesis_streams_aggregated\n  stream_name agg\n</match>\n<match c>\n  @type kinesis_firehose\n  delivery_stream_name "#{ENV[\'FH\']}"\n</match>\n';
    const p = destinationsPolicy(awsDestinations(conf(text), { FH: 'to-s3' }), { region: 'us-east-1' });
    assert.deepEqual(
      p.Statement.map((s) => [s.Action, s.Resource]),
      [
        [['kinesis:PutRecords'], ['arn:aws:kinesis:eu-west-1:*:stream/s-*']],
        [['kinesis:PutRecords'], ['arn:aws:kinesis:us-east-1:*:stream/agg']],
        [['firehose:PutRecordBatch'], ['arn:aws:firehose:us-east-1:*:deliverystream/to-s3']],
      ],
    );
  });

  it('OpenSearch: signed requests on the domain only; a user and password need no IAM', () => {
    const signed =
      '<match a>\n  @type opensearch\n  <endpoint>\n    url https://search-logs-edge-abc123.eu-west-1.es.amazonaws.com\n    region eu-west-1\n  </endpoint>\n</match>\n';
    assert.deepEqual(destinationsPolicy(awsDestinations(conf(signed))).Statement, [
      {
        Sid: 'OpenSearchLogsEdge',
        Effect: 'Allow',
        Action: ['es:ESHttpGet', 'es:ESHttpPost', 'es:ESHttpPut'],
        Resource: ['arn:aws:es:eu-west-1:*:domain/logs-edge/*'],
      },
    ]);
    const noVersionCheck = signed.replace('  <endpoint>', '  verify_os_version_at_startup false\n  <endpoint>');
    assert.deepEqual(destinationsPolicy(awsDestinations(conf(noVersionCheck))).Statement[0].Action, ['es:ESHttpPost', 'es:ESHttpPut']);
    const basic = '<match a>\n  @type opensearch\n  host x\n  user u\n  password "#{ENV[\'P\']}"\n</match>\n';
    assert.deepEqual(destinationsPolicy(awsDestinations(conf(basic))).Statement, []);
    assert.equal(domainFromEndpoint('https://vpc-my-domain-2x3y4z.us-east-1.es.amazonaws.com/'), 'my-domain');
    assert.equal(domainFromEndpoint('https://opensearch.example.com'), '*');
  });

  it('S3: PutObject under the path, and the checks the plugin makes by default', () => {
    const text = '<match a>\n  @type s3\n  s3_bucket logs-bucket\n  s3_region eu-west-1\n  path app/\n</match>\n';
    assert.deepEqual(
      destinationsPolicy(awsDestinations(conf(text))).Statement.map((s) => [s.Action, s.Resource]),
      [
        [['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::logs-bucket/app/*']],
        [['s3:CreateBucket', 's3:ListBucket'], ['arn:aws:s3:::logs-bucket']],
      ],
    );
    const lean = text.replace('path app/', 'path app/\n  check_object false\n  check_bucket false\n  check_apikey_on_start false');
    assert.deepEqual(
      destinationsPolicy(awsDestinations(conf(lean))).Statement.map((s) => [s.Action, s.Resource]),
      [[['s3:PutObject'], ['arn:aws:s3:::logs-bucket/app/*']]],
    );
  });
});
