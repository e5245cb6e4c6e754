// A structure rule that looks at one parameter at a time (the rules share one walk).
import type { ElementNode, ParamNode } from '../../parser/ast';
import type { Diagnostic } from '../../types';

/** A finding about `param` (a parameter of `element` whose value Fluentd does not evaluate), or none. */
export type ParamRule = (param: ParamNode, element: ElementNode) => Diagnostic | undefined;
