// The checks the language service runs after parsing, in order.
import type { Check } from './check';

export type { Check, CheckContext } from './check';

export const defaultChecks: Check[] = [];
