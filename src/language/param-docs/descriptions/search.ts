// What the parameters of the Elasticsearch and OpenSearch outputs do (the edge-device
// collector writes to an AWS OpenSearch domain). The two plugins share most names; each
// class gets its own entry. Written for this extension; facts from the catalogue.
const COMMON: Record<string, string> = {
  host: 'Host name of the cluster (or use `hosts` for several).',
  hosts: 'Several nodes as `https://user:pass@host:port,…`; replaces `host`, `port`, `scheme`.',
  port: 'Port of the cluster’s HTTP API.',
  scheme: '`https` or `http` to the cluster.',
  path: 'URL path prefix of the cluster’s API (behind a proxy).',
  user: 'User name for HTTP basic authentication.',
  password: 'Password for HTTP basic authentication.',
  index_name: 'Index the documents are written to (placeholders such as `${tag}` allowed).',
  logstash_format: 'Writes to one index per day, `<logstash_prefix>-<date>`, and adds `@timestamp`.',
  logstash_prefix: 'Index name prefix with `logstash_format`.',
  logstash_prefix_separator: 'Text between `logstash_prefix` and the date.',
  logstash_dateformat: 'strftime format of the date in index names with `logstash_format`.',
  include_tag_key: 'Adds the event’s tag to each document (under `tag_key`).',
  tag_key: 'Key of the tag added by `include_tag_key`.',
  include_timestamp: 'Adds `@timestamp` without using `logstash_format` index names.',
  target_index_key: 'Takes each document’s index from this record field.',
  id_key: 'Takes each document’s `_id` from this record field (idempotent writes, with the genid filter).',
  ssl_verify: 'Checks the cluster’s TLS certificate.',
  ca_file: 'CA certificate file the cluster’s certificate is checked against.',
  client_cert: 'Client certificate for TLS client authentication.',
  client_key: 'Private key of the client certificate.',
  client_key_pass: 'Passphrase of the client key.',
  request_timeout: 'How long one bulk request may take before it fails and is retried.',
  reload_connections: 'Asks the cluster for its node list periodically (turn off behind a load balancer or for AWS domains).',
  reload_on_failure: 'Asks the cluster for its node list again after a failed request.',
  reconnect_on_error: 'Opens a new connection after any error.',
  sniffer_class_name: 'Class that finds the cluster’s nodes (a custom one keeps only the configured host).',
  template_name: 'Name of the index template installed at start-up.',
  template_file: 'JSON file of the index template to install.',
  template_overwrite: 'Replaces an existing template with the same name.',
  application_name: 'Value of `${application_name}` in index templates.',
  suppress_type_name: 'Leaves out the document type (clusters 7 and newer).',
  bulk_message_request_threshold: 'Largest size of one bulk request; a larger chunk is split.',
  with_transporter_log: 'Logs each request of the HTTP transport (debugging).',
  emit_error_for_missing_id: 'Sends documents without `id_key` to `@ERROR` instead of writing them with a generated id.',
  write_operation: 'Bulk action: `index`, `create`, `update` or `upsert`.',
  time_key: 'Field whose value becomes `@timestamp` instead of the event time.',
  time_key_format: 'strftime format of that field, to read it faster.',
  utc_index: 'Builds the dates in index names in UTC.',
  pipeline: 'Ingest pipeline the documents go through.',
};

function forClass(cls: string, names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([n, text]) => [`${cls}#${n}`, text]));
}

const TLS: Record<string, string> = {
  ssl_version: 'TLS version used to connect.',
  ssl_min_version: 'Lowest TLS version accepted.',
  ssl_max_version: 'Highest TLS version accepted.',
};

export const SEARCH: Record<string, string> = {
  ...forClass('ElasticsearchOutput', COMMON),
  ...forClass('ElasticsearchOutput', {
    log_es_400_reason: 'Logs why the cluster rejected documents (HTTP 400) instead of only counting them.',
    type_name: 'Document type (only for clusters older than 7).',
    default_elasticsearch_version: 'Version assumed when the cluster cannot be asked (`verify_es_version_at_startup false`).',
    verify_es_version_at_startup: 'Asks the cluster for its version at start-up.',
  }),
  ...forClass('OpenSearchOutput', COMMON),
  ...forClass('OpenSearchOutput', {
    log_os_400_reason: 'Logs why the cluster rejected documents (HTTP 400) instead of only counting them.',
    default_opensearch_version: 'Version assumed when the cluster cannot be asked (`verify_os_version_at_startup false`).',
    verify_os_version_at_startup: 'Asks the cluster for its version at start-up.',
  }),
  ...forClass('OpenSearchOutput<endpoint>', {
    url: 'URL of the AWS OpenSearch domain; requests are signed with AWS credentials.',
    region: 'AWS region of the domain.',
    access_key_id: 'Access key id of an IAM user (the edge collector takes it from a Secret).',
    secret_access_key: 'Secret access key matching `access_key_id`.',
    assume_role_arn: 'IAM role assumed before signing requests.',
    assume_role_session_name: 'Session name of the assumed role.',
    assume_role_web_identity_token_file: 'File with a web identity token for assuming the role (IRSA).',
    sts_credentials_region: 'Region of the STS endpoint used to assume the role.',
    refresh_credentials_interval: 'How often the credentials are renewed.',
    aws_service_name: '`es` for OpenSearch Service domains, `aoss` for OpenSearch Serverless.',
    ecs_container_credentials_relative_uri: 'ECS task credentials path (set by ECS).',
  }),
  ...forClass('ElasticsearchTLS::ElasticsearchTLSParams', TLS),
  ...forClass('OpenSearchTLS::OpenSearchTLSParams', TLS),
  'ElasticsearchGenidFilter#hash_id_key': 'Field the generated id is stored in (use it as the output’s `id_key`).',
  'OpenSearchGenidFilter#hash_id_key': 'Field the generated id is stored in (use it as the output’s `id_key`).',
};
