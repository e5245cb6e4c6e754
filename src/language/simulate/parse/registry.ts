// From a parser type to its simulated implementation. Types outside this list are not simulated
// (named), except those Fluentd itself does not know, which are its config error.
import type { ParserEnv } from './base';
import { apache2Parser } from './parsers/apache2';
import { criParser } from './parsers/cri';
import { multiFormatParser } from './parsers/multi-format';
import { multilineParser } from './parsers/multiline';
import { regexpParser } from './parsers/regexp';
import { csvParser, jsonParser, ltsvParser, noneParser, tsvParser } from './parsers/simple';
import { syslogParser } from './parsers/syslog';
import type { LineParser } from './parsers/types';
import { RubyError } from './ruby-error';
import { ParseConfigError, type Section } from './section';

/** Parsers Fluentd 1.16 and the daemonset images have that are not simulated here. */
const KNOWN_NOT_SIMULATED = new Set(['msgpack', 'grok', 'multiline_grok', 'json_in_json', 'logfmt']);

const NGINX =
  '^(?<remote>[^ ]*) (?<host>[^ ]*) (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] "(?<method>\\S+)(?: +(?<path>[^\\"]*?)(?: +\\S*)?)?" (?<code>[^ ]*) (?<size>[^ ]*)(?: "(?<referer>[^\\"]*)" "(?<agent>[^\\"]*)"(?:\\s+\\"?(?<http_x_forwarded_for>[^\\"]*)\\"?)?)?$';
const APACHE_ERROR =
  '^\\[[^ ]* (?<time>[^\\]]*)\\] \\[(?<level>[^\\]]*)\\](?: \\[pid (?<pid>[^\\]]*)\\])?( \\[client (?<client>[^\\]]*)\\])? (?<message>.*)$';
const APACHE =
  '^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] "(?<method>\\S+)(?: +(?<path>[^ ]*) +\\S*)?" (?<code>[^ ]*) (?<size>[^ ]*)(?: "(?<referer>[^\\"]*)" "(?<agent>[^\\"]*)")?$';
const CLF_TIME = '%d/%b/%Y:%H:%M:%S %z';
// The fluentd-kubernetes-daemonset images' own parsers (plugins/parser_kubernetes.rb and
// parser_multiline_kubernetes.rb): glog lines of kubelet, kube-proxy, the control plane. They set
// these three parameters over whatever the section says; the rest of the section applies.
const GLOG_FIRSTLINE = '/^\\w\\d{4}/';
const GLOG = '^(?<severity>\\w)(?<time>\\d{4} [^\\s]*)\\s+(?<pid>\\d+)\\s+(?<source>[^ \\]]+)\\] (?<message>.*)';
const GLOG_TIME = '%m%d %H:%M:%S.%N';

/** The section with some parameters set over its own (what a parser subclass does in configure). */
function withParams(section: Section, set: Record<string, string>): Section {
  const params = new Map(section.params);
  for (const [k, v] of Object.entries(set)) params.set(k, v);
  return { ...section, params };
}

export function createParser(type: string, section: Section, env: ParserEnv): LineParser {
  const sub = (s: Section): LineParser => createParser(s.params.get('@type') ?? '', s, env);
  if (type.length >= 2 && type.startsWith('/') && type.endsWith('/')) {
    // `format /re/`: Fluentd's compatibility regexp parser
    const params = new Map(section.params);
    params.set('expression', type);
    return regexpParser('regexp', { ...section, params }, env);
  }
  switch (type) {
    case 'regexp':
      return regexpParser('regexp', section, env);
    case 'apache_error':
      return regexpParser('apache_error', section, env, { expression: { source: APACHE_ERROR } });
    case 'nginx':
      return regexpParser('nginx', section, env, { expression: { source: NGINX }, timeFormat: CLF_TIME });
    case 'apache':
      return regexpParser('apache', section, env, { expression: { source: APACHE }, timeFormat: CLF_TIME });
    case 'apache2':
      return apache2Parser(section, env);
    case 'json':
      return jsonParser(section, env);
    case 'none':
      return noneParser(section, env);
    case 'ltsv':
      return ltsvParser(section, env);
    case 'csv':
      return csvParser(section, env);
    case 'tsv':
      return tsvParser(section, env);
    case 'syslog':
      return syslogParser(section, env);
    case 'multiline':
      return multilineParser(section, env);
    case 'cri':
      return criParser(section, env, sub);
    case 'kubernetes':
      return regexpParser('kubernetes', withParams(section, { expression: `/${GLOG}/m`, time_format: GLOG_TIME }), env);
    case 'multiline_kubernetes':
      return multilineParser(withParams(section, { format_firstline: GLOG_FIRSTLINE, format1: `/${GLOG}/`, time_format: GLOG_TIME }), env);
    case 'multi_format':
      return multiFormatParser(section, env, (t, s) => createParser(t, s, env));
  }
  if (KNOWN_NOT_SIMULATED.has(type)) throw new RubyError('not-simulated', `the ${type} parser is not simulated`);
  throw new RubyError('Fluent::NotFoundPluginError', `Unknown parser plugin '${type}'. Run 'gem search -rd fluent-plugin' to find plugins`);
}

export { ParseConfigError };
