// --format github: GitHub Actions workflow commands, one per finding, escaped so that a message
// or a file name can neither end the command early nor add properties.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { data, formatGithub, property } from '../../../src/cli/format-github';
import type { FileResult } from '../../../src/cli/lint';

const finding = (over: Partial<FileResult['diagnostics'][number]> = {}) => ({
  severity: 'warning' as const,
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  code: 'unknown-param',
  message: "Unknown parameter 'x'",
  ...over,
});

describe('formatGithub', () => {
  test('one command per finding, with severity mapped and the region', () => {
    const files: FileResult[] = [
      {
        path: 'conf/fluent.conf',
        diagnostics: [finding(), finding({ severity: 'error', code: 'unclosed-element', message: 'never closed' })],
      },
      { path: 'b.conf', diagnostics: [finding({ severity: 'information', endLine: 5, endColumn: 2 }), finding({ severity: 'hint' })] },
    ];
    assert.equal(
      formatGithub(files),
      [
        "::warning file=conf/fluent.conf,line=3,col=5,endLine=3,endColumn=9,title=fluentd-lint unknown-param::Unknown parameter 'x' [unknown-param]",
        '::error file=conf/fluent.conf,line=3,col=5,endLine=3,endColumn=9,title=fluentd-lint unclosed-element::never closed [unclosed-element]',
        // endColumn only for a finding on one line
        "::notice file=b.conf,line=3,col=5,endLine=5,title=fluentd-lint unknown-param::Unknown parameter 'x' [unknown-param]",
        "::notice file=b.conf,line=3,col=5,endLine=3,endColumn=9,title=fluentd-lint unknown-param::Unknown parameter 'x' [unknown-param]",
        '',
      ].join('\n'),
    );
    assert.equal(formatGithub([]), '');
  });

  test('a message cannot end its command or start another', () => {
    const out = formatGithub([{ path: 'a.conf', diagnostics: [finding({ message: 'line one\r\n::error file=x::fake 100%' })] }]);
    assert.equal(out.split('\n').length, 2, out);
    assert.match(out, /::line one%0D%0A::error file=x::fake 100%25 \[unknown-param\]\n$/);
  });

  test('a file name cannot add properties', () => {
    const out = formatGithub([{ path: 'odd,line=1:x%.conf', diagnostics: [finding()] }]);
    assert.match(out, /^::warning file=odd%2Cline=1%3Ax%25\.conf,line=3,/);
  });

  test('escaping follows GitHub: % first, then CR, LF (and : , in properties)', () => {
    assert.equal(data('%0A\n'), '%250A%0A');
    assert.equal(property('a:b,c%'), 'a%3Ab%2Cc%25');
  });
});
