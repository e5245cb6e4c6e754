// Fluentd's regexp type: `/pattern/flags` or a bare pattern, and the `/…/` form the
// multiline parser requires.
import type { Converted } from './converted';
import { compileRubyRegexp, type RegexpInfo } from './ruby-regexp';

/**
 * Fluentd's regexp: `/pattern/flags` (i and m honoured; a right slash more than two
 * characters before the end is "missing right slash"), or the whole text as a pattern.
 */
export function regexpValue(text: string): Converted<RegexpInfo> {
  if (!text.startsWith('/')) return compileRubyRegexp(text);
  const right = text.lastIndexOf('/');
  if (right < text.length - 3) {
    return {
      value: { source: text, flags: '', names: [], checked: true },
      error: `invalid regexp: missing right slash: ${text}`,
    };
  }
  const options = text.slice(right + 1);
  const flags = (options.includes('i') ? 'i' : '') + (options.includes('m') ? 'm' : '');
  const r = { ...compileRubyRegexp(text.slice(1, right), flags) };
  const ignored = [...options].filter((c) => c !== 'i' && c !== 'm');
  if (!r.error && ignored.length) {
    r.surprise = `Fluentd ignores the regexp option${ignored.length > 1 ? 's' : ''} '${ignored.join('')}' (only i and m exist).`;
  }
  return r;
}

/** `/…/` as the multiline parser requires for format_firstline and formatN (always compiled with m). */
export function slashedRegexpValue(text: string, key: string): Converted<RegexpInfo> {
  if (!(text.startsWith('/') && text.endsWith('/') && text.length >= 2)) {
    return {
      value: { source: text, flags: '', names: [], checked: true },
      error: `format should be Regexp, need //, in ${key}: '${text}'`,
    };
  }
  const r = { ...compileRubyRegexp(text.slice(1, -1), 'm') };
  if (r.error) r.error = `Invalid regexp in ${key}: ${r.error}`;
  return r;
}
