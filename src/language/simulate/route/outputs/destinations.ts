// Where an output would write an event, from its own parameters, as each plugin
// computes it when it writes a chunk: CloudWatch Logs group and stream, Kinesis stream
// and partition key, Elasticsearch/OpenSearch index, S3 object key. Read only: what the
// output removes from the record when it writes (remove_log_stream_name_key …) stays in
// the record it received.
import { getOwn } from '../../ruby/hash';
import { toS } from '../ruby-values';
import type { EventRecord, EventTime, RecordValue } from '../../types';
import { param, type SimElement } from '../config';
import { boolParam } from '../param-types';
import { strftime } from '../time-format';
import type { Destination } from '../types';
import { chunkKeysOf, extractPlaceholders, timekeyOf, type ChunkKeys } from './placeholders';

export type DestinationOf = (tag: string, time: EventTime, record: EventRecord) => Destination;

export function destinationFor(type: string, el: SimElement, tz: string | undefined): DestinationOf | undefined {
  switch (type) {
    case 'cloudwatch_logs':
      return cloudwatch(el, tz);
    case 'kinesis_streams':
    case 'kinesis_streams_aggregated':
      return kinesis(el, tz, 'stream_name', 'kinesis_streams');
    case 'kinesis_firehose':
      return kinesis(el, tz, 'delivery_stream_name', 'kinesis_firehose');
    case 'elasticsearch':
      return search(el, tz, 'elasticsearch');
    case 'opensearch':
      return search(el, tz, 'opensearch');
    case 's3':
      return s3(el, tz);
    case 'null':
      return () => ({ kind: 'discarded' });
    default:
      return undefined;
  }
}

/** An output given a record that is not a Hash: where (and whether) it writes is not simulated. */
export function bareDestination(type: string): Destination {
  const notes = ['the record is not a Hash: what the plugin does with it is not simulated'];
  switch (type) {
    case 'cloudwatch_logs':
      return { kind: 'cloudwatch_logs', notes };
    case 'kinesis_streams':
    case 'kinesis_streams_aggregated':
      return { kind: 'kinesis_streams', notes };
    case 'kinesis_firehose':
      return { kind: 'kinesis_firehose', notes };
    case 'elasticsearch':
    case 'opensearch':
      return { kind: type, notes };
    case 'null':
      return { kind: 'discarded' };
    default:
      return { kind: 's3', notes };
  }
}

function cloudwatch(el: SimElement, tz: string | undefined): DestinationOf {
  const keys = chunkKeysOf(el, {}, tz);
  const groupName = param(el, 'log_group_name');
  const streamName = param(el, 'log_stream_name');
  const tagAsGroup = boolParam(el, 'use_tag_as_group', false);
  const tagAsStream = boolParam(el, 'use_tag_as_stream', false);
  const groupKey = param(el, 'log_group_name_key');
  const streamKey = param(el, 'log_stream_name_key');
  const autoCreate = boolParam(el, 'auto_create_stream', false);
  return (tag, time, record) => {
    const notes: string[] = [];
    const group = tagAsGroup
      ? tag
      : groupKey !== undefined
        ? nameValue(getOwn(record, groupKey))
        : groupName !== undefined
          ? extractPlaceholders(groupName, keys, tag, time, record, notes)
          : undefined;
    const stream = tagAsStream
      ? tag
      : streamKey !== undefined
        ? nameValue(getOwn(record, streamKey))
        : streamName !== undefined
          ? extractPlaceholders(streamName, keys, tag, time, record, notes)
          : undefined;
    if (stream === undefined) notes.push('no log stream name: the plugin skips the event ("stream_name is nil")');
    if (!autoCreate) notes.push('auto_create_stream is false: the group and stream must exist');
    const d: Destination = { kind: 'cloudwatch_logs' };
    if (group !== undefined) d.group = group;
    if (stream !== undefined) d.stream = stream;
    if (notes.length) d.notes = notes;
    return d;
  };
}

/** A group or stream name taken from a record value (nil: none). */
function nameValue(v: RecordValue | undefined): string | undefined {
  return v === undefined || v === null ? undefined : toS(v);
}

function kinesis(el: SimElement, tz: string | undefined, nameParam: string, kind: 'kinesis_streams' | 'kinesis_firehose'): DestinationOf {
  const keys = chunkKeysOf(el, {}, tz);
  const name = param(el, nameParam);
  const partitionKey = kind === 'kinesis_streams' ? param(el, 'partition_key') : undefined;
  return (tag, time, record) => {
    const notes: string[] = [];
    const stream = name !== undefined ? extractPlaceholders(name, keys, tag, time, record, notes) : undefined;
    let pk: string | undefined;
    if (kind === 'kinesis_streams') {
      if (partitionKey === undefined) notes.push('partition key: a random one per record');
      else {
        const v = getOwn(record, partitionKey);
        if (v === undefined) notes.push(`the record has no ${partitionKey}: the plugin rejects it (KeyNotFoundError)`);
        else pk = toS(v);
      }
    }
    return {
      kind,
      ...(stream !== undefined ? { stream } : {}),
      ...(pk !== undefined ? { partitionKey: pk } : {}),
      ...(notes.length ? { notes } : {}),
    };
  };
}

function search(el: SimElement, tz: string | undefined, kind: 'elasticsearch' | 'opensearch'): DestinationOf {
  const keys = chunkKeysOf(el, { chunkKeys: ['tag'], timekeyUseUtc: true }, tz);
  const logstash = boolParam(el, 'logstash_format', false);
  const prefix = param(el, 'logstash_prefix') ?? 'logstash';
  const separator = param(el, 'logstash_prefix_separator') ?? '-';
  const dateformat = param(el, 'logstash_dateformat') ?? '%Y.%m.%d';
  const utcIndex = boolParam(el, 'utc_index', true);
  const indexName = param(el, 'index_name') ?? 'fluentd';
  const targetIndexKey = param(el, 'target_index_key');
  const timeKey = param(el, 'time_key');
  return (tag, time, record) => {
    const notes: string[] = [];
    if (targetIndexKey !== undefined) {
      const v = parentValue(record, targetIndexKey);
      if (v !== undefined && v !== null && v !== false) return { kind, index: toS(v).toLowerCase() };
    }
    if (!logstash)
      return {
        kind,
        index: extractPlaceholders(indexName, keys, tag, time, record, notes).toLowerCase(),
        ...(notes.length ? { notes } : {}),
      };
    const p = extractPlaceholders(prefix, keys, tag, time, record, notes);
    const f = extractPlaceholders(dateformat, keys, tag, time, record, notes);
    let t: EventTime = time;
    const stamp = getOwn(record, '@timestamp') ?? (timeKey !== undefined ? getOwn(record, timeKey) : undefined);
    if (stamp !== undefined) {
      const ms = typeof stamp === 'string' ? Date.parse(stamp) : NaN;
      if (Number.isNaN(ms)) notes.push('the index date comes from the record time field, parsed by the plugin: not simulated');
      else t = { sec: Math.floor(ms / 1000), nsec: 0 };
    }
    const date = strftime(f, t, utcIndex ? 'UTC' : tz);
    return { kind, index: `${p}${separator}${date}`.toLowerCase(), ...(notes.length ? { notes } : {}) };
  };
}

/** get_parent_of: a dotted path into nested hashes. */
function parentValue(record: EventRecord, path: string): RecordValue | undefined {
  const parts = path.split('.');
  let cur: RecordValue | undefined = record;
  for (const p of parts) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = getOwn(cur as EventRecord, p);
  }
  return cur;
}

const EXTENSIONS: Record<string, string> = {
  gzip: 'gz',
  gzip_command: 'gz',
  lzo: 'lzo',
  lzma2: 'xz',
  json: 'json',
  text: 'txt',
  zstd: 'zst',
  parquet: 'parquet',
};

function s3(el: SimElement, tz: string | undefined): DestinationOf {
  const keys: ChunkKeys = chunkKeysOf(el, { chunkKeys: ['time'], timekey: 86400 }, tz);
  const bucket = param(el, 's3_bucket');
  const path = param(el, 'path') ?? '';
  const checkObject = boolParam(el, 'check_object', true);
  const format =
    param(el, 's3_object_key_format') ??
    (checkObject ? '%{path}%{time_slice}_%{index}.%{file_extension}' : '%{path}/%{time_slice}_%{hms_slice}.%{file_extension}');
  const storeAs = param(el, 'store_as') ?? 'gzip';
  const sliceFormat = param(el, 'time_slice_format') ?? timekeyFormat(keys.time ? keys.timekey : undefined);
  const indexFormat = param(el, 'index_format') ?? '%d';
  return (tag, time, record) => {
    const notes: string[] = [];
    const pre = format.replace(/%\{[^}]+\}/g, (m) =>
      m === '%{path}' ? path : m === '%{file_extension}' ? (EXTENSIONS[storeAs] ?? storeAs) : m,
    );
    let key = extractPlaceholders(pre, keys, tag, time, record, notes);
    const slice = keys.time ? strftime(sliceFormat, { sec: timekeyOf(keys, time), nsec: 0 }, keys.zone) : '';
    key = key.replace(/%\{[^}]+\}/g, (m) => {
      if (m === '%{time_slice}' || m === '%{date_slice}') return slice;
      if (m === '%{index}') {
        notes.push('%{index} counts up past objects that already exist in the bucket (0 shown)');
        return indexFormat.replace(/%d/, '0');
      }
      if (m === '%{hex_random}' || m === '%{uuid_flush}' || m === '%{hms_slice}') {
        notes.push(`${m} is random or the flush time`);
        return m;
      }
      return m;
    });
    return { kind: 's3', ...(bucket !== undefined ? { bucket } : {}), path: key, ...(notes.length ? { notes } : {}) };
  };
}

function timekeyFormat(timekey: number | undefined): string {
  if (timekey === undefined) return '';
  if (timekey < 60) return '%Y%m%d%H%M%S';
  if (timekey < 3600) return '%Y%m%d%H%M';
  if (timekey < 86400) return '%Y%m%d%H';
  return '%Y%m%d';
}
