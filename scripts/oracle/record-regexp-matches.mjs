// Records Ruby's answer to "does this regexp match somewhere in this string" for the
// cases of test/fixtures/regexp/ruby-match-cases.json (hand-written) plus seeded random
// ones, into test/fixtures/regexp/ruby-match.json, for test/unit/language/regexp/
// linear-match.test.ts. Patterns Ruby refuses are recorded as {"error": message}.
//   node scripts/oracle/record-regexp-matches.mjs   (needs ruby)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '../../test/fixtures/regexp');
const hand = JSON.parse(readFileSync(`${dir}/ruby-match-cases.json`, 'utf8'));

// mulberry32, as test/helpers/prng.ts
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(20240613);
const pick = (xs) => xs[Math.floor(r() * xs.length)];
const ATOMS = ['a', 'b', '.', '\\.', '\\w', '\\d', '\\s', '[ab]', '[^a]', '[a-c.]', '\\A', '\\z', '\\Z', '^', '$', '\\b', '\\B', 'é', 'A'];
const QUANT = ['', '', '', '*', '+', '?', '{2}', '{1,2}', '{,2}', '{2,}', '*?', '+?'];
function regex(depth) {
  const n = 1 + Math.floor(r() * 4);
  let s = '';
  for (let i = 0; i < n; i++) {
    let atom = depth < 2 && r() < 0.25 ? `(${regex(depth + 1)}${r() < 0.4 ? '|' + regex(depth + 1) : ''})` : pick(ATOMS);
    const anchor = /^(\\[AzZbB]|\^|\$)$/.test(atom);
    s += atom + (anchor ? '' : pick(QUANT));
  }
  return s;
}
const CHARS = ['a', 'b', 'c', '.', ' ', '\n', '1', 'é', 'A', '_'];
const str = () => Array.from({ length: Math.floor(r() * 8) }, () => pick(CHARS)).join('');
const random = [];
for (let i = 0; i < 1500; i++) random.push({ pattern: regex(0), flags: r() < 0.15 ? 'i' : r() < 0.1 ? 'm' : '', input: str() });

const cases = [...hand.cases.flatMap((c) => c.inputs.map((input) => ({ pattern: c.pattern, flags: c.flags ?? '', input }))), ...random];
const ruby = `
require 'json'
require 'timeout'
out = JSON.parse(STDIN.read).map do |c|
  opts = 0
  opts |= Regexp::IGNORECASE if c['flags'].include?('i')
  opts |= Regexp::MULTILINE if c['flags'].include?('m')
  opts |= Regexp::EXTENDED if c['flags'].include?('x')
  begin
    re = Regexp.new(c['pattern'], opts)
    # a backtracking engine can take forever on a random pattern: such cases are left out
    Timeout.timeout(2) { c.merge('matched' => !re.match(c['input']).nil?) }
  rescue RegexpError => e
    c.merge('error' => e.message)
  rescue Timeout::Error
    nil
  end
end.compact
print JSON.generate(out)
`;
const result = JSON.parse(execFileSync('ruby', ['-e', ruby], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 }));
const version = execFileSync('ruby', ['-e', 'print RUBY_VERSION'], { encoding: 'utf8' });
writeFileSync(`${dir}/ruby-match.json`, JSON.stringify({ ruby: version, cases: result }) + '\n');
console.log(`wrote ${result.length} cases (${result.filter((c) => c.error).length} refused by Ruby)`);
