// Shapes shared by the CloudWatch side. Plain data so the UI, tests and bench can build them.

/** One log event as the tail engines hand it on (FilterLogEvents or StartLiveTail). */
export interface TailEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime?: number;
  /** FilterLogEvents gives one; StartLiveTail does not */
  eventId?: string;
}

/** A log stream as DescribeLogStreams describes it. */
export interface StreamInfo {
  logStreamName: string;
  arn?: string;
  creationTime?: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes?: number;
}

/** A log group as DescribeLogGroups describes it. */
export interface GroupInfo {
  logGroupName: string;
  /** ARN without the trailing `:*` (what StartLiveTail wants) */
  logGroupArn?: string;
  creationTime?: number;
  storedBytes?: number;
  retentionInDays?: number;
}

/** What to tail: one group, optionally narrowed to streams or a stream-name prefix. */
export interface TailTarget {
  logGroupName: string;
  logGroupArn?: string;
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  filterPattern?: string;
}
