// Finds the AWS destinations of a fluent.conf (and its includes) with the project's parser:
// CloudWatch Logs, Kinesis Data Streams, Firehose, OpenSearch (signed requests) and S3 outputs,
// in <match>, in a <store> of copy, and in <secondary> (the output a failing buffer falls back
// to: it needs its permissions as much as the primary). `#{ENV[...]}` in names is resolved from
// the environment the workload sets; whatever cannot be known before run time becomes `*`.
import { parse } from '../language/parser';
import type { ElementNode } from '../language/parser/ast';
import { elements } from '../language/walk';
import type { ConfigFile } from './config-files';
import type { AwsDestinations, CloudWatchOutput } from './iam-destinations';

function params(el: ElementNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of el.children) if (c.kind === 'param') out.set(c.key === 'type' ? '@type' : c.key, c.value?.text ?? '');
  return out;
}

/**
 * Replaces each `#{…}` with the environment value it reads (`ENV['X']`, `ENV["X"]`,
 * `ENV.fetch('X')`, `ENV.fetch('X', 'd')`, `ENV['X'] || 'd'`) or `*` when it is anything else.
 */
export function resolveEmbedded(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/#\{([^}]*)\}/g, (_m, code: string) => {
    const c = code.trim();
    const m =
      /^ENV\[\s*['"]([^'"]+)['"]\s*\](?:\s*\|\|\s*['"]([^'"]*)['"])?$/.exec(c) ??
      /^ENV\.fetch\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)$/.exec(c);
    if (!m) return '*';
    const v = env[m[1]];
    return v !== undefined && v !== '' ? v : (m[2] ?? '*');
  });
}

const truthy = (v: string | undefined) => v === '' || v === 'true' || v === 'yes';
const falsy = (v: string | undefined) => v === 'false' || v === 'no';
/** `${tag}`-style chunk placeholders become `*` too: any value. */
const pattern = (v: string, env: Readonly<Record<string, string | undefined>>) => resolveEmbedded(v, env).replace(/\$\{[^}]*\}/g, '*');

/** `search-logs-abc123.eu-west-1.es.amazonaws.com` → `logs` (the domain name; the last part is a generated id). */
export function domainFromEndpoint(url: string): string {
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  const m = /^(?:search|vpc)-(.+)-[a-z0-9]+\.[a-z0-9-]+\.es\.amazonaws\.com$/.exec(host);
  return m ? m[1] : '*';
}

/** The type an output element runs: its own @type, or for a <secondary> without one, its primary's. */
function outputType(el: ElementNode, p: Map<string, string>): string | undefined {
  if (p.has('@type')) return p.get('@type');
  if (el.name === 'secondary' && el.parent) return params(el.parent).get('@type');
  return undefined;
}

const OUTPUT_ELEMENTS = new Set(['match', 'store', 'secondary']);

export function awsDestinations(files: readonly ConfigFile[], env: Readonly<Record<string, string | undefined>> = {}): AwsDestinations {
  const out: AwsDestinations = { cloudwatch: [], kinesis: [], firehose: [], opensearch: [], s3: [] };
  for (const f of files) {
    const { document } = parse(f.text);
    for (const el of elements(document.children)) {
      if (!OUTPUT_ELEMENTS.has(el.name)) continue;
      const p = params(el);
      const region = (key: string) => {
        const r = p.has(key) ? resolveEmbedded(p.get(key) ?? '', env) : undefined;
        return r && r !== '*' ? r : undefined;
      };
      switch (outputType(el, p)) {
        case 'cloudwatch_logs': {
          // The plugin takes the group from the tag, else from the record's key, else the name: a
          // key or the tag means any group, whatever log_group_name says.
          const fromEvents = truthy(p.get('use_tag_as_group')) || p.has('log_group_name_key');
          const group = p.get('log_group_name');
          out.cloudwatch.push({
            logGroup: !fromEvents && group !== undefined ? pattern(group, env) : '*',
            region: region('region'),
            autoCreate: truthy(p.get('auto_create_stream')),
            setsRetention: p.has('retention_in_days') || p.has('retention_in_days_key'),
            tagsGroups: p.has('log_group_aws_tags') || p.has('log_group_aws_tags_key'),
          });
          break;
        }
        case 'kinesis_streams':
        case 'kinesis_streams_aggregated':
          out.kinesis.push({ stream: pattern(p.get('stream_name') ?? '*', env), region: region('region') });
          break;
        case 'kinesis_firehose':
          out.firehose.push({ deliveryStream: pattern(p.get('delivery_stream_name') ?? '*', env), region: region('region') });
          break;
        case 'opensearch':
        case 'opensearch_data_stream': {
          // Only requests signed with AWS credentials (an <endpoint> section) need IAM; a user and
          // password are the domain's own business.
          const endpoint = el.children.find((c): c is ElementNode => c.kind === 'element' && c.name === 'endpoint');
          if (!endpoint) break;
          const e = params(endpoint);
          out.opensearch.push({
            domain: domainFromEndpoint(resolveEmbedded(e.get('url') ?? '', env)),
            region: (() => {
              const r = resolveEmbedded(e.get('region') ?? '', env);
              return r && r !== '*' ? r : undefined;
            })(),
            verifiesVersion: !falsy(p.get('verify_os_version_at_startup')),
            serverless: e.get('aws_service_name') === 'aoss',
          });
          break;
        }
        case 's3':
          out.s3.push({
            bucket: pattern(p.get('s3_bucket') ?? '*', env),
            prefix: pattern(p.get('path') ?? '', env),
            region: region('s3_region'),
            checksBucket: !falsy(p.get('check_bucket')),
            createsBucket: !falsy(p.get('check_bucket')) && !falsy(p.get('auto_create_bucket')),
            checksObjects: !falsy(p.get('check_object')),
            listsAtStart: !falsy(p.get('check_apikey_on_start')),
          });
          break;
      }
    }
  }
  return out;
}

/** Every cloudwatch_logs output (in <match>, <label>, a <store> of copy, or a <secondary>) in the files. */
export function cloudWatchOutputs(
  files: readonly ConfigFile[],
  env: Readonly<Record<string, string | undefined>> = {},
): CloudWatchOutput[] {
  return awsDestinations(files, env).cloudwatch;
}
