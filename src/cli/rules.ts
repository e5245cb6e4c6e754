// Every finding code fluentd-lint can report, with a one-line description and what to do about
// it: the rule list of the SARIF output (code-scanning dashboards show it next to each result).
// test/unit/cli/rules.test.ts fails when the engine reports a code that is missing here.

export interface RuleHelp {
  /** What the finding means, in one sentence. */
  description: string;
  /** What to do about it. */
  help: string;
}

export const RULES: Readonly<Record<string, RuleHelp>> = {
  // --- syntax: Fluentd cannot read the file --------------------------------------------------
  'bad-end-tag': {
    description: 'A malformed end tag.',
    help: "Write the end tag as </name> with only letters, digits and '_' in the name.",
  },
  'bad-escape': {
    description: 'An escape sequence Fluentd does not know inside a double-quoted string.',
    help: 'Double the backslash for a literal one, or use a single-quoted string.',
  },
  'byte-order-mark': {
    description: 'The file starts with a UTF-8 byte order mark, which Fluentd reads as part of the first line.',
    help: 'Save the file as UTF-8 without BOM.',
  },
  'expected-gt': { description: "A start tag is not closed with '>'.", help: "Add the '>' at the end of the start tag." },
  'expected-line-end': {
    description: 'Text follows where the line should end.',
    help: 'Put the extra text on a line of its own, or remove it.',
  },
  'incomplete-json': {
    description: 'A JSON array or hash value is not complete.',
    help: 'Close the JSON value (brackets, braces, quotes); a value spanning lines must be valid JSON once joined.',
  },
  'invalid-utf8': {
    description: 'The file is not valid UTF-8; bad bytes were read as U+FFFD.',
    help: 'Re-encode the file as UTF-8: Fluentd reads configs as UTF-8 and can fail on such bytes.',
  },
  'missing-element-name': { description: "A '<' is not followed by an element name.", help: 'Write the element name right after the <.' },
  'missing-space': {
    description: 'A quoted key is not followed by a space.',
    help: 'Separate the quoted key from its value with a space.',
  },
  'reserved-prefix': {
    description: "A parameter name starts with '@', which is reserved for Fluentd's own parameters.",
    help: 'Use @type, @id, @label or @log_level, or rename the parameter without the @.',
  },
  'string-line-break': {
    description: 'A line break inside a double-quoted string that Fluentd cannot read.',
    help: 'Keep the string on one line, or break it after an ordinary character with LF line ends.',
  },
  'unclosed-element': { description: 'An element is never closed.', help: 'Add the matching </name> end tag.' },
  'unmatched-end-tag': {
    description: 'An end tag does not match the open element.',
    help: 'Fix the end tag name, or remove the stray end tag.',
  },
  'unterminated-string': { description: 'A double-quoted string is never closed.', help: 'Add the closing double quote.' },
  'yaml-syntax': { description: 'The YAML file holding the config does not parse.', help: 'Fix the YAML error at the position shown.' },

  // --- structure ----------------------------------------------------------------------------
  'duplicate-id': { description: 'Two plugins have the same @id.', help: 'Give every @id a unique value across the whole configuration.' },
  'duplicate-label': { description: 'A <label> name is defined twice.', help: 'Merge the two labels, or rename one.' },
  'duplicate-section': {
    description: 'A section that may appear once is written more than once.',
    help: 'Keep a single section and merge the parameters into it.',
  },
  'duplicate-system': { description: 'More than one <system> section.', help: 'Keep a single <system> section.' },
  'label-without-match': { description: 'A <label> has no <match>, so its events go nowhere.', help: 'Add a <match> to the label.' },
  'label-without-name': { description: '<label> has no name.', help: 'Write <label @NAME>.' },
  'root-label': { description: '<label @ROOT> is reserved by Fluentd.', help: 'Choose another label name.' },
  'secondary-nesting': {
    description: '<secondary> holds a <buffer> or another <secondary>.',
    help: 'Remove the nested section from <secondary>.',
  },
  'unknown-section': {
    description: 'A section is not allowed where it is written, so Fluentd ignores it.',
    help: 'Move the section to where it belongs (a label holds only <filter> and <match>), or remove it.',
  },
  'worker-child': {
    description: '<worker> holds a directive it cannot have.',
    help: 'Only <source>, <filter>, <match> and <label> go in <worker>.',
  },
  'worker-id': { description: 'The worker id or range is not valid for the configured workers.', help: 'Use ids from 0 to workers - 1.' },
  'worker-without-id': { description: '<worker> has no worker id.', help: 'Write <worker N> or <worker N-M>.' },

  // --- plugins and parameters -----------------------------------------------------------------
  'deprecated-include': { description: "'include' is the deprecated spelling of '@include'.", help: "Write '@include'." },
  'deprecated-param': { description: 'The parameter is deprecated.', help: 'Use the replacement named in the message.' },
  'deprecated-type-name': { description: "'type' is the deprecated spelling of '@type'.", help: "Write '@type'." },
  'include-without-path': { description: '@include has no path.', help: 'Give the file path or glob to include.' },
  'invalid-value': { description: 'A parameter value Fluentd refuses.', help: 'Use a value of the type and range the parameter accepts.' },
  'literal-embedded-ruby': {
    description: '#{…} outside double quotes is kept literally, not evaluated.',
    help: 'Put the value in double quotes to have the embedded Ruby evaluated.',
  },
  'missing-required-param': { description: 'A required parameter is missing.', help: 'Add the parameter.' },
  'missing-required-section': { description: 'A required section is missing.', help: 'Add the section with its required parameters.' },
  'missing-section-argument': { description: 'A section needs an argument.', help: 'Write the argument in the start tag.' },
  'missing-type': { description: 'An element has no @type.', help: 'Add @type naming the plugin to use.' },
  'no-named-captures': {
    description: 'A regexp parser expression without named captures.',
    help: 'Add at least one named capture, (?<name>…), for each field to extract.',
  },
  'obsoleted-param': {
    description: 'The parameter was removed from Fluentd.',
    help: 'Use the replacement named in the message, or remove it.',
  },
  'surprising-value': {
    description: 'A value Fluentd accepts but reads differently from what it appears to say.',
    help: 'Write the value the message suggests.',
  },
  'undefined-env': {
    description: 'An environment variable the config reads is not set in the pod that mounts it.',
    help: 'Add the variable to the container env, or give ENV.fetch a default.',
  },
  'unknown-param': {
    description: 'A parameter the plugin does not know or does not use.',
    help: 'Fix the spelling, move it to the section that takes it, or remove it. Plugins the catalogue does not know can be added with fluentd.catalogs.',
  },
  'plugin-not-in-image': {
    description: 'The fluentd-kubernetes-daemonset image the config runs in (--image, fluentd.deploy.image) does not ship this plugin.',
    help: 'Use an image variant the message names, or an output the image has; Fluentd would refuse to start.',
  },
  'unknown-plugin': {
    description: 'No plugin of that kind has this name.',
    help: 'Fix the plugin name, or install the plugin (and add it to fluentd.catalogs).',
  },
  'wrong-plugin-kind': {
    description: 'The plugin exists, but is of another kind than the element needs.',
    help: 'Use a plugin of the right kind (input, filter, output, parser, formatter, buffer, storage).',
  },

  // --- buffers and outputs ---------------------------------------------------------------------
  'buffer-time-without-timekey': { description: "<buffer time> without 'timekey'.", help: "Set 'timekey' in the <buffer> section." },
  'flush-interval-with-flush-mode': {
    description: "'flush_interval' with a 'flush_mode' other than interval.",
    help: "Remove 'flush_interval', or set flush_mode interval.",
  },
  'missing-placeholder': {
    description: 'A buffer chunk key has no placeholder in the path.',
    help: 'Add the placeholder (${tag}, ${key}, or time format) for each chunk key to the path.',
  },
  'secondary-with-retry-forever': {
    description: '<secondary> together with retry_forever: the secondary is never used.',
    help: 'Remove retry_forever or the <secondary> section.',
  },

  // --- routing ----------------------------------------------------------------------------------
  'dead-filter': {
    description: 'A filter that never runs: every tag it matches is taken by an earlier <match>.',
    help: 'Move the filter above the <match> that takes its events.',
  },
  'shadowed-match': {
    description: 'A <match> that never receives events: earlier <match> elements take every tag it matches.',
    help: 'Move it above the broader <match>, or narrow the earlier pattern.',
  },
  'routing-not-analysed': {
    description: 'Part of the routing was not analysed: a tag pattern or /regexp/ was too costly to test (the analysis has a work budget).',
    help: 'Findings about that part may be missing. Simplify the pattern (a /regexp/ with nested repetition, many ** parts) or split the config.',
  },
  'undefined-label': { description: 'Events are sent to a <label> that is not defined.', help: 'Define the label, or fix the name.' },
  'unmatched-source': {
    description: 'No <match> takes the events of a source, so Fluentd drops them.',
    help: "Add a <match> for the source's tags.",
  },
  'unused-label': {
    description: 'Nothing sends events to a <label>.',
    help: 'Route a source (@label) or an output (@type relabel) to it, or remove it.',
  },

  // --- @include -----------------------------------------------------------------------------------
  'include-cycle': { description: 'An @include reads a file that is already being read.', help: 'Break the include cycle.' },
  'include-limit': {
    description: 'The included files are too many, too deep or too large to follow.',
    help: 'The rest of the config was checked without them; narrow the include globs.',
  },
  'include-matches-nothing': { description: 'No file matches an @include path, so Fluentd skips it.', help: 'Fix the path or glob.' },

  // --- config tests (*.fluent-test.yaml) -----------------------------------------------------------
  'test-bad-regexp': {
    description: 'A `matches` condition in a config test is not a valid regexp.',
    help: 'Fix the regexp (Ruby syntax, as Fluentd reads it).',
  },
  'test-bad-value': {
    description: 'A value in a config test has the wrong form.',
    help: 'Write the value as the test format describes (hover the key for its description).',
  },
  'test-condition': {
    description: 'A field condition in a config test is malformed.',
    help: 'Use one of equals, contains, matches or absent on a field.',
  },
  'test-config-error': {
    description: 'The config a test runs is one Fluentd would refuse.',
    help: 'Fix the config first: fluentd-lint lists its errors.',
  },
  'test-config-missing': {
    description: 'The config a test names cannot be read.',
    help: 'Check the `config` path (relative to the test file).',
  },
  'test-duplicate-name': { description: 'Two tests in one file have the same name.', help: 'Give each test its own name.' },
  'test-empty': { description: 'The test file holds no test.', help: 'Add a test under `tests`.' },
  'test-input': {
    description: 'A test input is malformed or points nowhere.',
    help: 'Give a raw line at a source by @id, or a tag and a record (optionally at a label).',
  },
  'test-kube-fixture': {
    description: 'The pod fixture of a test cannot be used.',
    help: 'Check the fixture path and that it holds Kubernetes Pod objects.',
  },
  'test-missing-key': { description: 'A required key of the test format is missing.', help: 'Add the key named in the message.' },
  'test-no-expectation': {
    description: 'A test has no expectation, so it can never fail.',
    help: 'Add an expectation: which output receives, field conditions, or no output.',
  },
  'test-no-input': { description: 'A test has no input.', help: 'Add a line or an event under `inputs`.' },
  'test-too-large': { description: 'The test file is too large to read.', help: 'Split it into several files.' },
  'test-type': {
    description: 'A key of the test format has a value of the wrong type.',
    help: 'Write the type the key expects (hover the key).',
  },
  'test-unknown-key': {
    description: 'A key the test format does not know (often a misspelling).',
    help: 'Use the suggested key, or remove it.',
  },
  'test-unknown-label': {
    description: 'A test input names a label the config does not define.',
    help: 'Use a label defined with <label @NAME> in the config.',
  },
  'test-unknown-output': {
    description: 'An expectation names an output @id the config does not define.',
    help: 'Use the @id of a <match> or <store> in the config.',
  },
  'test-unknown-source': {
    description: 'A test input names a source @id the config does not define.',
    help: 'Use the @id of a <source> in the config.',
  },
  'test-unusable': { description: 'The test file cannot be used as it is.', help: 'Fix the problem the message names.' },
  'test-yaml-syntax': { description: 'The test file is not valid YAML.', help: 'Fix the YAML syntax at the position shown.' },
  // --- the checker itself --------------------------------------------------------------------------
  'internal-error': { description: 'A check failed on this file.', help: 'Please report it, with the file if you can share it.' },
  'too-many-diagnostics': { description: 'More findings than are shown at once.', help: 'Fix the ones shown first; the rest follow.' },
};

/** The help for a code; a code missing here still gets a rule (with its id as description). */
export function ruleHelp(code: string): RuleHelp {
  return Object.hasOwn(RULES, code) ? RULES[code] : { description: code, help: '' };
}
