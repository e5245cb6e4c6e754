// The least-privilege IAM policy for the CloudWatch outputs of a config. What the
// cloudwatch_logs output plugin calls (fluent-plugin-cloudwatch-logs 0.15, out_cloudwatch_logs.rb):
//   always                         DescribeLogGroups (does the group exist?), DescribeLogStreams
//                                  (does the stream exist?), PutLogEvents
//   auto_create_stream true        CreateLogGroup and CreateLogStream (the flag creates both)
//     + retention_in_days(_key)    PutRetentionPolicy on the new group
//     + log_group_aws_tags(_key)   TagResource (CreateLogGroup with tags)

/** One `cloudwatch_logs` output, as far as permissions go. `*` in a name = any characters. */
export interface CloudWatchOutput {
  /** Log group name or pattern (e.g. `/eks/demo/containers`, or `*` when it comes from records). */
  logGroup: string;
  region?: string;
  autoCreate: boolean;
  setsRetention: boolean;
  tagsGroups: boolean;
}

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

export function iamPolicy(outputs: readonly CloudWatchOutput[], opts: PolicyOptions = {}): IamPolicy {
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
  // Sids must be unique within a policy.
  const count = new Map<string, number>();
  for (const s of statements) {
    const n = (count.get(s.Sid) ?? 0) + 1;
    count.set(s.Sid, n);
    if (n > 1) s.Sid = `${s.Sid}${n}`;
  }
  return { Version: '2012-10-17', Statement: statements };
}
