// Facts read in Fluentd's source that the shared catalogue does not carry, applied
// by scripts/build-catalog.mjs on top of it. Each names where it was read, so it
// can be re-checked when Fluentd changes. Keep this list short: the catalogue is
// the source of truth; only what it cannot express belongs here.
import type { CatalogData } from './types';

const FORMAT_N = Array.from({ length: 20 }, (_, i) => `format${i + 1}`);

/** Applies the facts in place; returns one line per fact applied (for the build log). */
export function applyKnownFacts(data: CatalogData): string[] {
  const applied: string[] = [];

  // lib/fluent/plugin/in_tail.rb #configure: after compat_parameters_convert it copies
  // conf["format1".."format20"] into the <parse> element (MultilineParser::FORMAT_MAX_NUM),
  // so flat formatN keys are read in <source @type tail> whether or not <parse> is written.
  const tail = data.plugins['input/tail'];
  if (tail) {
    const keys = new Set([...(tail.raw_keys ?? []), ...FORMAT_N]);
    tail.raw_keys = [...keys];
    applied.push('input/tail reads flat format1..format20 (in_tail.rb configure)');
  }

  // lib/fluent/plugin/out_exec_filter.rb #exec_filter_compat_parameters_convert!: its own
  // flat keys, copied into <inject>/<format>/<parse>/<extract> (the catalogue lists this
  // conversion only as a remark in compat_parameters_convert)
  const execFilter = data.plugins['output/exec_filter'];
  if (execFilter) {
    const flat = [
      'in_tag_key',
      'in_time_key',
      'in_time_format',
      'in_format',
      'in_keys',
      'out_format',
      'out_keys',
      'out_tag_key',
      'out_time_key',
      'out_time_format',
    ];
    execFilter.raw_keys = [...new Set([...(execFilter.raw_keys ?? []), ...flat])];
    applied.push('output/exec_filter reads its flat in_*/out_* keys (out_exec_filter.rb)');
  }

  // lib/fluent/plugin_helper/compat_parameters.rb: the inject, extract and formatter
  // conversions also read the flat key `time_as_epoch` (has_key?), so it is "used".
  for (const table of ['INJECT_PARAMS', 'EXTRACT_PARAMS', 'FORMATTER_PARAMS']) {
    const t = data.compat_parameters[table];
    if (t && !('time_as_epoch' in t)) {
      t.time_as_epoch = null;
      applied.push(`${table} also reads time_as_epoch (compat_parameters.rb)`);
    }
  }
  return applied;
}
