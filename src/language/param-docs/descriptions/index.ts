// Every parameter description, keyed `Class#name` (the declaring class without
// `Fluent::Plugin::`, as the catalogue's `from`), `Class<section>#name` where one class
// uses a name in several sections, and `#name` for the few names that mean the same in
// every plugin (`@log_level`).
import { AWS } from './aws';
import { FILTERS_ROUTING } from './filters-routing';
import { FORWARD_SYSTEM } from './forward-system';
import { INPUTS } from './inputs';
import { OUTPUT_BUFFER } from './output-buffer';
import { PARSE_FORMAT } from './parse-format';
import { SEARCH } from './search';

export const PARAM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...OUTPUT_BUFFER,
  ...INPUTS,
  ...PARSE_FORMAT,
  ...FILTERS_ROUTING,
  ...AWS,
  ...FORWARD_SYSTEM,
  ...SEARCH,
};
