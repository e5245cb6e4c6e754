// Fluentd's conversions of parameter values (lib/fluent/config/types.rb), reproduced so
// checks and hover can say what Fluentd will actually use: one file per type, the Ruby
// String and Regexp behaviour they rest on, and how numbers are said.
export type { Converted, ConvertOptions } from './converted';
export { rubyToF, rubyToI } from './ruby-string';
export { formatBytes, formatSeconds } from './display';
export { describeSize, sizeValue } from './size';
export { describeTime, timeValue } from './time';
export { floatValue, integerValue } from './numbers';
export { boolValue, enumValue } from './choices';
export { arrayValue, hashValue } from './collections';
export { compileRubyRegexp, namedCaptures, type RegexpInfo } from './ruby-regexp';
export { regexpValue, slashedRegexpValue } from './regexp-value';
export { convert, type ValueType } from './convert';
