// The checks the language service runs after parsing, in order.
import { bufferCheck } from './buffer';
import type { Check } from './check';
import { embeddedRubyCheck } from './embedded-ruby';
import { paramValueCheck } from './param-values';
import { pluginTypeCheck } from './plugin-types';
import { schemaCheck } from './schema';
import { structureCheck } from './structure';

export type { Check, CheckContext } from './check';

/** The checks driven by the plugin catalogue (one file each in this folder). */
export const catalogueChecks: Check[] = [structureCheck, pluginTypeCheck, schemaCheck, paramValueCheck, bufferCheck, embeddedRubyCheck];

export const defaultChecks: Check[] = [...catalogueChecks];

/** The checks whose findings about each top-level node depend only on it and fileFacts (they honour CheckContext.scope). */
export const perNodeChecks: ReadonlySet<Check> = new Set([pluginTypeCheck, schemaCheck, paramValueCheck, bufferCheck, embeddedRubyCheck]);

export { CheckRunner, internalError } from './check-runner';
