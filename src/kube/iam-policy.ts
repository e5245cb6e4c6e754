// The least-privilege IAM policy for the AWS outputs of a config, from what each plugin calls.
// CloudWatch Logs (fluent-plugin-cloudwatch-logs 0.15, out_cloudwatch_logs.rb):
//   always                         DescribeLogGroups (does the group exist?), DescribeLogStreams
//                                  (does the stream exist?), PutLogEvents
//   auto_create_stream true        CreateLogGroup and CreateLogStream (the flag creates both)
//     + retention_in_days(_key)    PutRetentionPolicy on the new group
//     + log_group_aws_tags(_key)   TagResource (CreateLogGroup with tags)
// Kinesis (aws-fluent-plugin-kinesis 3.6): kinesis_streams and kinesis_streams_aggregated call only
//   PutRecords, kinesis_firehose only PutRecordBatch (no Describe*/ListShards anywhere in the gem).
// OpenSearch (fluent-plugin-opensearch 1.1, out_opensearch.rb), signed requests (<endpoint>) only:
//   bulk writes and template puts (ESHttpPost, ESHttpPut), the version check at start-up
//   (ESHttpGet, unless verify_os_version_at_startup false); Serverless: aoss:APIAccessAll.
// S3 (fluent-plugin-s3 1.8, out_s3.rb): PutObject under the path; check_object (default on)
//   HeadObject = GetObject; check_bucket (on) HeadBucket = ListBucket, and CreateBucket when
//   auto_create_bucket (on) finds none; check_apikey_on_start (on) ListObjects = ListBucket.
import type { AwsDestinations, CloudWatchOutput } from './iam-destinations';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyOptions {
  /** Used for outputs that set no region of their own. */
  region?: string;
  /** Account id; `*` by default (the deploy does not know it). */
  account?: string;
  partition?: string;
}

function sidPart(s: string): string {
  const clean = s
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return clean || 'Any';
}

function cloudWatchStatements(outputs: readonly CloudWatchOutput[], opts: PolicyOptions): PolicyStatement[] {
  const partition = opts.partition ?? 'aws';
  const account = opts.account ?? '*';
  const arn = (region: string | undefined, rest: string) => `arn:${partition}:logs:${region || opts.region || '*'}:${account}:${rest}`;
  const statements: PolicyStatement[] = [];
  const listRegions = new Set<string>();
  // Outputs writing to the same group with the same needs share a statement.
  const seen = new Set<string>();
  for (const o of outputs) {
    const key = JSON.stringify([o.logGroup, o.region ?? opts.region, o.autoCreate, o.setsRetention, o.tagsGroups]);
    if (seen.has(key)) continue;
    seen.add(key);
    listRegions.add(o.region || opts.region || '*');
    const groupActions = ['logs:DescribeLogStreams'];
    if (o.autoCreate) groupActions.push('logs:CreateLogGroup', 'logs:CreateLogStream');
    if (o.autoCreate && o.setsRetention) groupActions.push('logs:PutRetentionPolicy');
    if (o.autoCreate && o.tagsGroups) groupActions.push('logs:TagResource');
    statements.push({
      Sid: `Group${sidPart(o.logGroup)}`,
      Effect: 'Allow',
      Action: groupActions.sort(),
      Resource: [arn(o.region, `log-group:${o.logGroup}`), arn(o.region, `log-group:${o.logGroup}:*`)],
    });
    statements.push({
      Sid: `Streams${sidPart(o.logGroup)}`,
      Effect: 'Allow',
      Action: ['logs:PutLogEvents'],
      Resource: [arn(o.region, `log-group:${o.logGroup}:log-stream:*`)],
    });
  }
  if (outputs.length) {
    // DescribeLogGroups lists groups; IAM cannot narrow it to one group.
    statements.unshift({
      Sid: 'FindLogGroups',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups'],
      Resource: [...listRegions].sort().map((r) => arn(r === '*' ? undefined : r, 'log-group:*')),
    });
  }
  return statements;
}

function otherStatements(d: Omit<AwsDestinations, 'cloudwatch'>, opts: PolicyOptions): PolicyStatement[] {
  const partition = opts.partition ?? 'aws';
  const account = opts.account ?? '*';
  const arn = (service: string, region: string | undefined, rest: string) =>
    `arn:${partition}:${service}:${region || opts.region || '*'}:${account}:${rest}`;
  const out: PolicyStatement[] = [];
  const add = (Sid: string, Action: string[], Resource: string[]) => {
    const key = JSON.stringify([Action, Resource]);
    if (!out.some((s) => JSON.stringify([s.Action, s.Resource]) === key)) out.push({ Sid, Effect: 'Allow', Action, Resource });
  };
  for (const k of d.kinesis) add(`Kinesis${sidPart(k.stream)}`, ['kinesis:PutRecords'], [arn('kinesis', k.region, `stream/${k.stream}`)]);
  for (const f of d.firehose)
    add(
      `Firehose${sidPart(f.deliveryStream)}`,
      ['firehose:PutRecordBatch'],
      [arn('firehose', f.region, `deliverystream/${f.deliveryStream}`)],
    );
  for (const o of d.opensearch) {
    if (o.serverless) {
      add(`OpenSearchServerless${sidPart(o.domain)}`, ['aoss:APIAccessAll'], [arn('aoss', o.region, 'collection/*')]);
      continue;
    }
    const actions = ['es:ESHttpPost', 'es:ESHttpPut', ...(o.verifiesVersion ? ['es:ESHttpGet'] : [])].sort();
    add(`OpenSearch${sidPart(o.domain)}`, actions, [arn('es', o.region, `domain/${o.domain}/*`)]);
  }
  for (const b of d.s3) {
    const bucket = `arn:${partition}:s3:::${b.bucket}`;
    const objects = `${bucket}/${b.prefix}*`;
    add(`S3Objects${sidPart(b.bucket)}`, ['s3:PutObject', ...(b.checksObjects ? ['s3:GetObject'] : [])].sort(), [objects]);
    const bucketActions = [...(b.checksBucket || b.listsAtStart ? ['s3:ListBucket'] : []), ...(b.createsBucket ? ['s3:CreateBucket'] : [])];
    if (bucketActions.length) add(`S3Bucket${sidPart(b.bucket)}`, bucketActions.sort(), [bucket]);
  }
  return out;
}

function finish(statements: PolicyStatement[]): IamPolicy {
  // Sids must be unique within a policy.
  const count = new Map<string, number>();
  for (const s of statements) {
    const n = (count.get(s.Sid) ?? 0) + 1;
    count.set(s.Sid, n);
    if (n > 1) s.Sid = `${s.Sid}${n}`;
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The policy for CloudWatch Logs outputs only. */
export function iamPolicy(outputs: readonly CloudWatchOutput[], opts: PolicyOptions = {}): IamPolicy {
  return finish(cloudWatchStatements(outputs, opts));
}

/** The policy for every AWS destination of a config. */
export function destinationsPolicy(d: AwsDestinations, opts: PolicyOptions = {}): IamPolicy {
  return finish([...cloudWatchStatements(d.cloudwatch, opts), ...otherStatements(d, opts)]);
}
