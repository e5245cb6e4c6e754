// The tags a <source> gives its events, as far as the config tells. Most inputs use
// `tag` as written; in_tail puts the path of each file in place of the first `*`
// (`/` → `.`, so `kubernetes.*` on /var/log/containers/*.log gives
// kubernetes.var.log.containers.<file>.log — many parts); in_syslog appends
// `.facility.priority`; forward/http/unix take the tag the client sends. Parts the
// config cannot know are wildcards; a tag that cannot be known at all is "any".
import { expandBraces, GLOB_LIMITS, GlobLimitError } from '../glob';
import { staticValue } from '../includes/static-value';
import { treeParam, type TreeElement } from '../includes/tree';
import { Lbl, Nfa } from './automaton';

/** Any text, dots included (a file name, a directory). */
export const ANY = { any: true } as const;
/** Any text without a dot (one tag part, e.g. a syslog facility). */
export const PART = { part: true } as const;
export type Token = string | typeof ANY | typeof PART;

export interface TagTemplate {
  tokens: Token[];
  /** The tag when it has no unknown part. */
  concrete?: string;
  /** The literal start every tag of this template has. */
  prefix: string;
  /** How it reads in messages: unknown parts as `<*>`. */
  display: string;
  /** Identity of the tag set (memo key). */
  key: string;
  /** The automaton, built on first use (a fixed tag is tested with RegExps instead). */
  readonly nfa: Nfa;
}

export type SourceTags =
  /** Tags the config determines (up to wildcard parts). */
  | { kind: 'tags'; templates: TagTemplate[]; note?: string }
  /** Tags decided at runtime (by the client, by Ruby code): any tag, maybe with a known prefix. */
  | { kind: 'runtime'; templates: TagTemplate[]; reason: string }
  /** The input emits no events (it serves metrics). */
  | { kind: 'none'; reason: string };

/** Inputs that only serve metrics or debugging and never emit events into the router. */
const SILENT_INPUTS = new Set(['prometheus', 'prometheus_monitor', 'prometheus_output_monitor', 'prometheus_tail_monitor', 'debug_agent']);
/** Inputs that emit with `tag` exactly as written. */
const PLAIN_TAG_INPUTS = new Set([
  'sample',
  'dummy',
  'systemd',
  'tcp',
  'udp',
  's3',
  'cloudwatch_logs',
  'gc_stat',
  'object_space',
  'elasticsearch',
  'opensearch',
  'windows_eventlog',
  'windows_eventlog2',
  'monitor_agent',
]);

export function template(tokens: Token[]): TagTemplate {
  const merged: Token[] = [];
  for (const t of tokens) {
    const prev = merged[merged.length - 1];
    if (typeof t === 'string' && typeof prev === 'string') merged[merged.length - 1] = prev + t;
    else if (t !== '') merged.push(t);
  }
  let prefix = '';
  let prefixDone = false;
  let display = '';
  for (const t of merged) {
    if (typeof t === 'string') {
      if (!prefixDone) prefix += t;
      display += t;
    } else {
      prefixDone = true;
      display += '<*>';
    }
  }
  const concrete = merged.every((t) => typeof t === 'string') ? (merged as string[]).join('') : undefined;
  const key = merged.map((t) => (typeof t === 'string' ? t : 'any' in t ? '\u0001' : '\u0002')).join('');
  let nfa: Nfa | undefined;
  return {
    tokens: merged,
    concrete,
    prefix,
    display,
    key,
    get nfa() {
      return (nfa ??= tokensNfa(merged));
    },
  };
}

function tokensNfa(tokens: Token[]): Nfa {
  const nfa = new Nfa();
  let cur = nfa.start;
  for (const t of tokens) {
    if (typeof t === 'string') {
      for (const c of t) {
        const s = nfa.state();
        nfa.edge(cur, Lbl.Char, s, c);
        cur = s;
      }
    } else {
      const s = nfa.state();
      nfa.eps[cur].push(s);
      nfa.edge(s, 'any' in t ? Lbl.Any : Lbl.NoDot, s);
      cur = s;
    }
  }
  nfa.accept[cur] = true;
  return nfa;
}

/** Every tag: what a source whose client picks the tag may send. */
export function anyTag(prefix = ''): TagTemplate {
  return template([prefix, ANY]);
}

function paramText(el: TreeElement, ...keys: string[]): string | undefined | null {
  const p = treeParam(el, ...keys);
  if (!p) return null;
  return staticValue(p.node.value);
}

/** in_tail's tag part for a file: the path with `/` → `.`, runs of dots squeezed, no leading dot. */
function pathTokens(globbed: string): Token[] {
  const out: Token[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push(lit);
    lit = '';
  };
  for (let i = 0; i < globbed.length; i++) {
    const c = globbed[i];
    if (c === '*' || c === '?') {
      flush();
      if (out[out.length - 1] !== ANY) out.push(ANY);
    } else if (c === '[') {
      const close = globbed.indexOf(']', i + 1);
      flush();
      if (out[out.length - 1] !== ANY) out.push(ANY);
      if (close > 0) i = close;
    } else lit += c === '/' ? '.' : c;
  }
  flush();
  // squeeze('.') and drop a leading dot, on the literal runs
  const squeezed = out.map((t) => (typeof t === 'string' ? t.replace(/\.{2,}/g, '.') : t));
  if (typeof squeezed[0] === 'string') squeezed[0] = squeezed[0].replace(/^\./, '');
  return squeezed;
}

export function sourceTags(el: TreeElement): SourceTags {
  const type = paramText(el, '@type', 'type');
  if (type === undefined || type === null) return { kind: 'runtime', templates: [anyTag()], reason: 'the input type is not known here' };
  if (SILENT_INPUTS.has(type)) return { kind: 'none', reason: `in_${type} serves metrics and emits no events` };
  const tag = paramText(el, 'tag');

  if (type === 'forward' || type === 'unix' || type === 'http') {
    if (typeof tag === 'string' && tag && type !== 'http') return fixed(tag);
    const prefix = paramText(el, 'add_tag_prefix');
    const pre = typeof prefix === 'string' && prefix ? `${prefix}.` : '';
    return {
      kind: 'runtime',
      templates: [anyTag(pre)],
      reason: type === 'http' ? 'in_http takes the tag from the request path' : `in_${type} keeps the tag each client sends`,
    };
  }
  if (tag === undefined) return { kind: 'runtime', templates: [anyTag()], reason: 'the tag is computed by Ruby code at start-up' };
  if (tag === null || tag === '') {
    if (type === 'monitor_agent' || type === 'exec') return { kind: 'none', reason: `in_${type} without a tag emits no events` };
    return { kind: 'runtime', templates: [anyTag()], reason: 'the input has no tag parameter' };
  }
  if (type === 'syslog') {
    return { kind: 'tags', templates: [template([`${tag}.`, PART, '.', PART])], note: 'in_syslog appends .facility.priority' };
  }
  if (type === 'exec' && paramText(el, 'tag_key'))
    return { kind: 'runtime', templates: [anyTag()], reason: 'in_exec takes the tag from tag_key' };
  if (type === 'tail') return tailTags(el, tag);
  if (PLAIN_TAG_INPUTS.has(type)) return fixed(tag);
  return { kind: 'runtime', templates: [anyTag()], reason: `how in_${type} tags its events is not known here` };
}

function fixed(tag: string): SourceTags {
  return { kind: 'tags', templates: [template([tag])] };
}

function tailTags(el: TreeElement, tag: string): SourceTags {
  const star = tag.indexOf('*');
  if (star < 0) return fixed(tag);
  // Ruby: @tag_prefix, @tag_suffix = @tag.split('*') — a third piece is dropped
  const pieces = tag.split('*');
  const prefix = pieces[0];
  const suffix = pieces.length > 1 ? pieces[1] : '';
  const path = paramText(el, 'path');
  if (typeof path !== 'string' || !path) {
    return { kind: 'tags', templates: [template([prefix, ANY, suffix])], note: "in_tail puts the file path in place of '*'" };
  }
  const delimiter = paramText(el, 'path_delimiter');
  const paths = path
    .split(typeof delimiter === 'string' && delimiter ? delimiter : ',')
    .map((p) => p.trim())
    .filter(Boolean);
  const note = "in_tail puts the file path (with '/' as '.') in place of '*'";
  const templates: TagTemplate[] = [];
  try {
    for (const p of paths) {
      for (const expanded of expandBraces(p)) templates.push(template([prefix, ...pathTokens(expanded), suffix]));
      if (templates.length > GLOB_LIMITS.patterns) throw new GlobLimitError('too many paths');
    }
  } catch (err) {
    if (!(err instanceof GlobLimitError)) throw err;
    // more paths than worth telling apart: any file name stands in their place
    return { kind: 'tags', templates: [template([prefix, ANY, suffix])], note };
  }
  return { kind: 'tags', templates: dedupe(templates), note };
}

function dedupe(list: TagTemplate[]): TagTemplate[] {
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(t.display) && (seen.add(t.display), true));
}

export function tagsDisplay(tags: SourceTags): string {
  if (tags.kind === 'none') return '(no events)';
  if (tags.kind === 'runtime') return tags.templates[0].prefix ? `${tags.templates[0].prefix}<any>` : '<any tag>';
  return tags.templates.map((t) => t.display).join(', ');
}
