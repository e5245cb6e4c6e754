export * from './ast';
export { parse, reparse, RESERVED_PARAMS, type ParseOptions, type ParseResult } from './parser';
export { LineIndex } from './line-index';
