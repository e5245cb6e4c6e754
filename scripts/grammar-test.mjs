// Tests for the editor-side static assets of the `fluentd` language:
//  1. vscode-tmgrammar-test on the fixtures in test/grammar/*.fluentd.conf (scope assertions);
//  2. the grammar itself: every regex compiles in Oniguruma, every include resolves, and it is
//     self-contained (VS Code would silently drop a broken rule, so nothing else would notice);
//  3. CRLF: a trailing carriage return changes the scope of no character (fixtures + corpus);
//  4. the shared corpus: no `invalid.illegal` token in any config Fluentd accepts, and one on the
//     line Fluentd names for every syntax error a line-based highlighter can see;
//  5. language-configuration.json: its regexes do what they claim on real configs;
//  6. the injection grammar for ConfigMap YAML (.conf keys holding fluent.conf): the fixtures
//     test/grammar/*.fluentd.yaml through VS Code's own YAML grammar (from the newest VS Code
//     server the integration tier uses, provisioned by scripts/vscode/targets.mjs when missing).
// Exits non-zero when anything fails. Usage: node scripts/grammar-test.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionVsCode, vscodeTarget } from './vscode/targets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const grammarPath = join(root, 'syntaxes', 'fluentd.tmLanguage.json');
const injectionPath = join(root, 'syntaxes', 'fluentd-configmap.injection.tmLanguage.json');
const langConfigPath = join(root, 'language-configuration.json');
const fixtureDir = join(root, 'test', 'grammar');
const corpusDir = resolve(root, '..', 'shared', 'corpus');

// vscode-textmate and vscode-oniguruma are what vscode-tmgrammar-test (and VS Code) run on;
// resolve them through the tool so the versions agree.
const require = createRequire(import.meta.url);
const toolPkg = require.resolve('vscode-tmgrammar-test/package.json');
const toolRequire = createRequire(toolPkg);
const tm = toolRequire('vscode-textmate');
const onig = toolRequire('vscode-oniguruma');

const failures = [];
const fail = (section, msg) => failures.push(`[${section}] ${msg}`);
let checks = 0;

function walkFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkFiles(p));
    else out.push(p);
  }
  return out;
}

// ---- 1. scope assertions ----------------------------------------------------
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.fluentd.conf'))
  .sort();
if (!fixtures.length) fail('fixtures', `no *.fluentd.conf fixtures in ${fixtureDir}`);
{
  const unit = join(dirname(toolPkg), 'dist', 'unit.js');
  const r = spawnSync(process.execPath, [unit, '-g', grammarPath, 'test/grammar/*.fluentd.conf'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('assertions', `vscode-tmgrammar-test exited with ${r.status ?? r.signal}`);
}

// ---- shared tokenizer --------------------------------------------------------
const wasm = readFileSync(join(dirname(toolRequire.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;
await onig.loadWASM(wasm);
const rawGrammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
const registry = new tm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
    createOnigString: (s) => new onig.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === 'source.fluentd' ? tm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
});
const grammar = await registry.loadGrammar('source.fluentd');

/** Tokenizes lines (without their line breaks) and returns each line's tokens. */
function tokenize(lines) {
  let stack = tm.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens;
  });
}
/** The scope list of every character of a line, as one string each. */
function scopesPerChar(tokens, length) {
  const out = new Array(length);
  for (const t of tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, length); i++) out[i] = t.scopes.join(' ');
  return out;
}
const isInvalid = (t) => t.scopes.some((s) => s.startsWith('invalid.illegal'));

// ---- 2. the grammar itself -----------------------------------------------------
{
  const section = 'grammar';
  if (rawGrammar.scopeName !== 'source.fluentd') fail(section, `scopeName is ${rawGrammar.scopeName}`);
  const repo = rawGrammar.repository ?? {};
  const visit = (rule, where) => {
    if (Array.isArray(rule)) return rule.forEach((r, i) => visit(r, `${where}[${i}]`));
    if (!rule || typeof rule !== 'object') return;
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof rule[key] !== 'string') continue;
      checks++;
      // An invalid pattern does not throw in vscode-oniguruma: it silently breaks the whole
      // scanner. A sentinel that always matches at 0 exposes that.
      const probe = new onig.OnigScanner(['\\A', rule[key]]).findNextMatchSync('probe', 0);
      if (!probe || probe.index !== 0) fail(section, `${where}.${key} does not compile in Oniguruma: ${rule[key]}`);
    }
    if (typeof rule.include === 'string') {
      checks++;
      const inc = rule.include;
      if (inc.startsWith('#')) {
        if (!(inc.slice(1) in repo)) fail(section, `${where}: include ${inc} has no repository entry`);
      } else if (inc !== '$self' && inc !== '$base') {
        fail(section, `${where}: include ${inc} reaches outside the grammar (it must be self-contained)`);
      }
    }
    for (const [k, v] of Object.entries(rule)) if (v && typeof v === 'object') visit(v, `${where}.${k}`);
  };
  visit(rawGrammar.patterns, 'patterns');
  for (const [name, rule] of Object.entries(repo)) visit(rule, `repository.${name}`);
}

// Parse a fixture the way vscode-tmgrammar-test does: header and assertion lines are not source.
const { parseGrammarTestCase } = toolRequire('./dist/unit/index.js');
const fixtureSources = fixtures.map((f) => ({
  name: `test/grammar/${f}`,
  lines: parseGrammarTestCase(readFileSync(join(fixtureDir, f), 'utf8')).source,
}));

// ---- 4. shared corpus (read first: its files also feed the CRLF check) -------------
let corpusFiles = [];
if (!existsSync(corpusDir)) {
  fail('corpus', `shared corpus not found at ${corpusDir}`);
} else {
  const section = 'corpus';
  const accepted = [...walkFiles(join(corpusDir, 'valid')), ...walkFiles(join(corpusDir, 'accepted-but-wrong'))];
  corpusFiles = accepted.map((p) => ({ name: relative(corpusDir, p), lines: readFileSync(p, 'utf8').split(/\r?\n/) }));
  for (const { name, lines } of corpusFiles) {
    checks++;
    tokenize(lines).forEach((tokens, i) => {
      for (const t of tokens.filter(isInvalid)) {
        fail(
          section,
          `${name}:${i + 1}: Fluentd accepts this file, yet ${JSON.stringify(lines[i].slice(t.startIndex, t.endIndex))} is ${t.scopes.at(-1)}`,
        );
      }
    });
  }
  // Syntax errors a context-free, line-based highlighter cannot see, and why.
  const UNSEEN = {
    '02-requires-escaping-backslash-dq.conf': 'an unterminated double-quoted string legitimately runs to the end of the file',
    '05-rejects-prefix-in-source.conf': '`@k` is an error only inside source/match/filter/system, a warning elsewhere',
    '13-error-in-embedded-ruby-code.conf': 'needs a Ruby lexer (a Ruby comment inside #{…})',
  };
  const rows = readFileSync(join(corpusDir, 'invalid.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  let seen = 0;
  for (const row of rows) {
    const [file, verdict] = row.split('\t');
    const m = /^parse: (.*) at \S+ line (\d+),\d+$/.exec(verdict ?? '');
    if (!m || file in UNSEEN) continue;
    checks++;
    seen++;
    const [, message, lineNo] = m;
    const lines = readFileSync(join(corpusDir, 'invalid', file), 'utf8').split(/\r?\n/);
    const flagged = tokenize(lines).flatMap((tokens, i) => (tokens.some(isInvalid) ? [i + 1] : []));
    // "expected end tag … got end of file" is best shown at the unclosed start tag, before it.
    const ok = message.startsWith('expected end tag') ? flagged.some((l) => l <= Number(lineNo)) : flagged.includes(Number(lineNo));
    if (!ok) fail(section, `invalid/${file}: Fluentd says "${message}" at line ${lineNo}; flagged lines: [${flagged}]`);
  }
  if (seen < 8) fail(section, `only ${seen} syntax-error cases found in invalid.tsv`);
}

// ---- 3. CRLF ------------------------------------------------------------------
{
  const section = 'crlf';
  for (const { name, lines } of [...fixtureSources, ...corpusFiles]) {
    checks++;
    const lf = tokenize(lines);
    const cr = tokenize(lines.map((l) => l + '\r'));
    for (let i = 0; i < lines.length; i++) {
      const a = scopesPerChar(lf[i], lines[i].length);
      const b = scopesPerChar(cr[i], lines[i].length);
      const col = a.findIndex((s, j) => s !== b[j]);
      if (col >= 0) {
        fail(section, `${name}:${i + 1}:${col + 1}: with CRLF the scopes become "${b[col]}" instead of "${a[col]}"`);
        break; // one report per file is enough
      }
    }
  }
}

// ---- 5. language-configuration.json ----------------------------------------------
{
  const section = 'language-configuration';
  const conf = JSON.parse(readFileSync(langConfigPath, 'utf8'));
  const expect = (cond, msg) => {
    checks++;
    if (!cond) fail(section, msg);
  };
  expect(conf.comments?.lineComment === '#', 'lineComment must be "#"');
  const pairs = (list) => (list ?? []).map((p) => (Array.isArray(p) ? p.join('') : p.open + p.close));
  for (const p of ['{}', '[]', '()']) expect(pairs(conf.brackets).includes(p), `brackets lack ${p}`);
  for (const p of ['{}', '[]', '()', '""', "''"]) {
    expect(pairs(conf.autoClosingPairs).includes(p), `autoClosingPairs lack ${p}`);
    expect(pairs(conf.surroundingPairs).includes(p), `surroundingPairs lack ${p}`);
  }
  const re = (src, flags = '') => new RegExp(src, flags);
  const start = re(conf.folding.markers.start);
  const end = re(conf.folding.markers.end);
  const inc = re(conf.indentationRules.increaseIndentPattern);
  const dec = re(conf.indentationRules.decreaseIndentPattern);
  for (const l of ['<source>', '  <match kubernetes.**>', '<buffer tag,time> # c', '<label @FLUENT_LOG>']) {
    expect(start.test(l), `folding start should match ${l}`);
    expect(inc.test(l), `increaseIndentPattern should match ${l}`);
    expect(!end.test(l) && !dec.test(l), `end/decrease patterns should not match ${l}`);
  }
  for (const l of ['</source>', '  </buffer>', '</match> # c']) {
    expect(end.test(l), `folding end should match ${l}`);
    expect(dec.test(l), `decreaseIndentPattern should match ${l}`);
    expect(!start.test(l) && !inc.test(l), `start/increase patterns should not match ${l}`);
  }
  for (const l of ['  @type tail', '# <source>', '  path /var/log/<x>.log', '  key "<a>"']) {
    expect(![start, end, inc, dec].some((r) => r.test(l)), `no folding/indent pattern should match ${l}`);
  }
  // Indentation and folding stay balanced over every real config.
  for (const { name, lines } of corpusFiles) {
    let depth = 0;
    let starts = 0;
    let ends = 0;
    for (const l of lines) {
      if (start.test(l)) starts++;
      if (end.test(l)) ends++;
      if (dec.test(l)) depth--;
      if (depth < 0) break;
      if (inc.test(l)) depth++;
    }
    expect(depth === 0, `${name}: indentation rules end at depth ${depth}`);
    expect(starts === ends, `${name}: ${starts} folding starts vs ${ends} ends`);
  }
  // The word under the cursor, as VS Code finds it.
  const word = re(conf.wordPattern, 'g');
  const wordAt = (line, col) => [...line.matchAll(word)].find((m) => m.index <= col && col < m.index + m[0].length)?.[0];
  const cases = [
    ['  @type cloudwatch_logs', 4, '@type'],
    ['  @type cloudwatch_logs', 12, 'cloudwatch_logs'],
    ['  log_group_name /aws/eks/x', 5, 'log_group_name'],
    ['  stream_name ${tag_parts[3]}', 18, '${tag_parts[3]}'],
    ['  tag kube-proxy', 9, 'kube-proxy'],
    ['  flush_interval 5s', 17, '5s'],
  ];
  for (const [line, col, want] of cases) {
    const got = wordAt(line, col);
    expect(got === want, `wordPattern: word at ${col} of "${line}" is ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

// ---- 6. ConfigMap YAML: the injection grammar inside VS Code's YAML grammar -----------------
{
  const section = 'configmap-injection';
  const raw = JSON.parse(readFileSync(injectionPath, 'utf8'));
  if (!/^L:source\.yaml\b/.test(raw.injectionSelector ?? '')) fail(section, `injectionSelector is ${raw.injectionSelector}`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = pkg.contributes.grammars.find((g) => g.scopeName === raw.scopeName);
  if (!contributed || !contributed.injectTo?.includes('source.yaml') || !contributed.path.endsWith(relative(root, injectionPath)))
    fail(section, `package.json does not inject ${raw.scopeName} into source.yaml`);
  const visitRegex = (rule, where) => {
    if (!rule || typeof rule !== 'object') return;
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof rule[key] !== 'string') continue;
      checks++;
      // end/while may refer back to begin's captures: VS Code fills them in before compiling
      const pattern = key === 'end' || key === 'while' ? rule[key].replace(/\\[1-9]/g, '') : rule[key];
      const probe = new onig.OnigScanner(['\\A', pattern]).findNextMatchSync('probe', 0);
      if (!probe || probe.index !== 0) fail(section, `${where}.${key} does not compile in Oniguruma: ${rule[key]}`);
    }
    for (const [k, v] of Object.entries(rule)) if (v && typeof v === 'object') visitRegex(v, `${where}.${k}`);
  };
  visitRegex(raw, 'injection');
  const yamlFixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.fluentd.yaml'));
  if (!yamlFixtures.length) fail(section, `no *.fluentd.yaml fixtures in ${fixtureDir}`);
  // the VS Code the integration tier runs first (installed once, then a stat)
  let dir = '';
  try {
    const { codeServerDir } = provisionVsCode(vscodeTarget('newest'));
    dir = join(codeServerDir, 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes');
  } catch (e) {
    fail(section, `the VS Code server (for its YAML grammar) could not be provisioned: ${e instanceof Error ? e.message : e}`);
  }
  if (dir && !existsSync(dir)) fail(section, `VS Code's YAML grammar is not at ${dir}`);
  else if (dir && yamlFixtures.length) {
    // the grammars as VS Code contributes them: its YAML ones, ours, and the injection
    const grammars = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ scopeName: JSON.parse(readFileSync(join(dir, f), 'utf8')).scopeName, path: join(dir, f) }));
    grammars.push(
      { scopeName: 'source.fluentd', path: grammarPath },
      { scopeName: raw.scopeName, path: injectionPath, injectTo: ['source.yaml'] },
    );
    const tmp = mkdtempSync(join(tmpdir(), 'fluentd-grammar-'));
    const config = join(tmp, 'package.json');
    // the tool reads grammar paths relative to the config file
    writeFileSync(config, JSON.stringify({ contributes: { grammars: grammars.map((g) => ({ ...g, path: relative(tmp, g.path) })) } }));
    const unit = join(dirname(toolPkg), 'dist', 'unit.js');
    const r = spawnSync(process.execPath, [unit, '--config', config, 'test/grammar/*.fluentd.yaml'], { cwd: root, stdio: 'inherit' });
    rmSync(tmp, { recursive: true, force: true });
    checks += yamlFixtures.length;
    if (r.status !== 0) fail(section, `vscode-tmgrammar-test on the ConfigMap fixtures exited with ${r.status ?? r.signal}`);
  }
}

if (failures.length) {
  console.error(`\ngrammar tests: ${failures.length} failure(s)`);
  for (const f of failures) console.error('  ' + f);
  process.exit(1);
}
console.log(`\ngrammar tests: ${fixtures.length} fixture files, ${checks} further checks passed`);
