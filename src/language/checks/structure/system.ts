// duplicate-system: Fluentd reads a single <system>.
import type { ElementNode } from '../../parser/ast';
import type { Diagnostic } from '../../types';
import { diag } from '../util';

export function duplicateSystem(systems: ElementNode[]): Diagnostic[] {
  return systems.slice(1).map((extra) => ({
    ...diag(extra.openRange, 'error', 'duplicate-system', '<system> is written more than once: Fluentd reads a single <system> section.'),
    related: [{ range: systems[0].openRange, message: 'the first <system>' }],
  }));
}
