// What an output needs permissions for: the AWS destinations a config writes to, as iam-scan.ts
// reads them and iam-policy.ts turns them into statements.

/** One `cloudwatch_logs` output, as far as permissions go. `*` in a name = any characters. */
export interface CloudWatchOutput {
  /** Log group name or pattern (e.g. `/eks/demo/containers`, or `*` when it comes from records). */
  logGroup: string;
  region?: string;
  autoCreate: boolean;
  setsRetention: boolean;
  tagsGroups: boolean;
}

export interface KinesisDestination {
  stream: string;
  region?: string;
}
export interface FirehoseDestination {
  deliveryStream: string;
  region?: string;
}
export interface OpenSearchDestination {
  /** The domain name from the endpoint URL, `*` when it cannot be read. */
  domain: string;
  region?: string;
  /** GET / at start-up (verify_os_version_at_startup, on by default). */
  verifiesVersion: boolean;
  /** OpenSearch Serverless (aws_service_name aoss): collections, not domains. */
  serverless: boolean;
}
export interface S3Destination {
  bucket: string;
  /** Object key prefix (`path`), `` for the whole bucket. */
  prefix: string;
  region?: string;
  /** HeadBucket at start (check_bucket), CreateBucket when missing (auto_create_bucket). */
  checksBucket: boolean;
  createsBucket: boolean;
  /** HeadObject before each upload (check_object). */
  checksObjects: boolean;
  /** ListObjects at start (check_apikey_on_start). */
  listsAtStart: boolean;
}

export interface AwsDestinations {
  cloudwatch: CloudWatchOutput[];
  kinesis: KinesisDestination[];
  firehose: FirehoseDestination[];
  opensearch: OpenSearchDestination[];
  s3: S3Destination[];
}
