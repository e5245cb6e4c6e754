// The <label> elements as Fluentd's RootAgent reads them: a name (not @ROOT, not twice), at
// least one <match>, and only <filter> and <match> inside (label-without-name, root-label,
// duplicate-label, label-without-match, unknown-section).
import type { Catalog } from '../../catalog';
import type { ElementNode } from '../../parser/ast';
import type { Diagnostic } from '../../types';
import { childElements, diag } from '../util';

const LABEL_CHILDREN = new Set(['filter', 'match']);

/** The findings, and the first <label> of each name (what @label references resolve to). */
export function labelDefinitions(elements: ElementNode[], catalog: Catalog): { findings: Diagnostic[]; labels: Map<string, ElementNode> } {
  const out: Diagnostic[] = [];
  const labels = new Map<string, ElementNode>();
  for (const e of elements) {
    if (e.name !== 'label' || catalog.definitionFor(e).role !== 'label') continue;
    const name = e.arg;
    if (!name) {
      out.push(diag(e.openRange, 'error', 'label-without-name', 'Missing symbol argument on <label> directive: write <label @NAME>.'));
      continue;
    }
    if (name === '@ROOT') {
      out.push(
        diag(e.argRange ?? e.openRange, 'error', 'root-label', '@ROOT for <label> is not permitted, reserved for getting root router.'),
      );
    }
    const first = labels.get(name);
    if (first) {
      out.push({
        ...diag(e.openRange, 'error', 'duplicate-label', `Section <label ${name}> appears twice.`, { name }),
        related: [{ range: first.openRange, message: `the first <label ${name}>` }],
      });
    } else labels.set(name, e);
    const children = childElements(e);
    if (!children.some((c) => c.name === 'match')) {
      out.push(diag(e.openRange, 'error', 'label-without-match', `Missing <match> sections in <label ${name}> section.`, { name }));
    }
    for (const c of children) {
      // elements the catalogue does not know are the schema check's (unknown-section)
      if (!LABEL_CHILDREN.has(c.name) && catalog.definitionFor(c).role !== 'unknown') {
        out.push(
          diag(
            c.nameRange,
            'warning',
            'unknown-section',
            `section <${c.name}> is not used in <label ${name}>: a label holds only <filter> and <match>.`,
            {
              name: c.name,
            },
          ),
        );
      }
    }
  }
  return { findings: out, labels };
}
