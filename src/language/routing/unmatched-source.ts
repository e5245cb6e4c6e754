// unmatched-source: no <match> of the source's router can match any of its tags, so
// Fluentd drops every event at runtime ("no patterns matched tag=…"). The message is the
// short fact; why (the tags, each match that misses them, the fix) is in the related
// places and the explanation hover shows.
import type { Diagnostic } from '../types';
import { code, MAX_RELATED, sourceTagRange, sourceTagsText, tagText } from './finding-text';
import { sharesWorker, type Rule, type RoutingModel, type Scope, type Source } from './model';
import { matchFixes } from './pattern-fixes';
import { mayMatch } from './query';
import { ruleCandidates } from './scope-index';
import { tagsDisplay } from './tags';

/**
 * Matches looked at for one source, at most: past it the answer is "cannot tell" (no
 * finding). A real source's tags start and end like a handful of patterns.
 */
const MAX_CANDIDATES = 256;

export function scopeOf(model: RoutingModel, label: string | undefined): Scope | undefined {
  if (label === undefined) return undefined;
  return label === '' ? model.root : model.labels.get(label);
}

/** The finding for a source no <match> catches, or undefined. */
export function unmatchedSource(model: RoutingModel, src: Source): Diagnostic | undefined {
  if (src.tags.kind !== 'tags') return undefined;
  const scope = scopeOf(model, src.label);
  // a label that does not exist is the structure check's error; unknown includes may hold matches
  if (!scope || !scope.complete) return undefined;
  const mine = (r: Rule) => sharesWorker(r.workers, src.workers);
  // no <match> at all: a fragment meant to be included, not a config dropping everything
  if (!scope.rules.some((r) => r.kind === 'match' && mine(r))) return undefined;
  const { templates } = src.tags;
  // only the matches that start and end like the tags can take them (scope-index.ts): a
  // source is not tried against every <match> of a 20,000-rule config
  const found = ruleCandidates(scope, 'match', templates, MAX_CANDIDATES);
  if (!found) return undefined; // too many to tell
  // a pattern computed at start-up may match anything
  if (found.computed.some(mine)) return undefined;
  const candidates = found.rules.filter(mine);
  for (const m of candidates) if (mayMatch(templates, m.patterns!) !== false) return undefined;
  // the finding stands (rare): the matches shown and offered a fix are those that start and
  // end like the source's tags, else the first ones
  const rules = scope.rules.filter(mine);
  const matches = candidates.length ? candidates : rules.filter((r) => r.kind === 'match').slice(0, MAX_RELATED);
  const fixes = matchFixes(templates, matches, rules);
  const where = scope.name ? ` in <label ${scope.name}>` : '';
  const tags = tagsDisplay(src.tags);
  const fixOf = new Map(fixes.map((f) => [`${f.uri}\u0000${f.range.start.line}:${f.range.start.character}`, f]));
  const related = matches.slice(0, MAX_RELATED).map((m) => {
    const fix =
      m.el.node.argRange && fixOf.get(`${m.el.file.uri}\u0000${m.el.node.argRange.start.line}:${m.el.node.argRange.start.character}`);
    const why = fix ? `: '*' matches exactly one tag part; <match ${fix.newText}> would catch them` : '';
    return { uri: m.el.file.uri, range: m.el.node.openRange, message: `${tagText(m.el)} does not match ${tags}${why}` };
  });
  related.push(
    { uri: src.el.file.uri, range: sourceTagRange(src), message: `The events are tagged ${sourceTagsText(src)}` },
    {
      uri: src.el.file.uri,
      range: src.el.node.openRange,
      message: 'Fluentd drops every event of this source at runtime ("no patterns matched")',
    },
  );
  const lines = [
    `The events of this source are tagged ${code(tags)}${note(src)}.`,
    `No \`<match>\`${where ? ` in ${code(`<label ${scope.name}>`)}` : ''} matches those tags (${matches
      .slice(0, MAX_RELATED)
      .map((m) => code(tagText(m.el)))
      .join(
        ', ',
      )}${matches.length > MAX_RELATED ? ', …' : ''}), so Fluentd drops every event at runtime and only logs "no patterns matched".`,
  ];
  if (fixes.length) {
    lines.push(`\`*\` matches exactly one tag part: ${code(`<match ${fixes[0].newText}>`)} would catch them.`);
    if (fixes[0].filters?.length)
      lines.push(`The filters on the same path need it too: ${fixes[0].filters.map((f) => code(`<filter ${f.newText}>`)).join(', ')}.`);
  }
  return {
    range: sourceTagRange(src),
    severity: 'warning',
    code: 'unmatched-source',
    message: `No <match>${where} catches this source's tags (${tags})`,
    related,
    explanation: lines.join('\n\n'),
    ...(fixes.length ? { data: { fixes } } : {}),
  };
}

function note(src: Source): string {
  return src.tags.kind === 'tags' && src.tags.note ? ` (${src.tags.note})` : '';
}
