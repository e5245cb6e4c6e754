// The --help text. Kept next to the behaviour it documents; update both together.

export function helpText(version: string): string {
  return `fluentd-lint ${version} — check Fluentd v1 configuration files

Usage: fluentd-lint [lint] [options] PATH...
       fluentd-lint simulate [--parse] [--now EPOCH] < cases.jsonl
       fluentd-lint test [--format text|json|junit] [PATH...]

lint (the default subcommand) checks the files; a path that is spelled like a
subcommand is written ./lint.

simulate runs <parse> sections on lines (--parse), or events and in_tail lines
through whole configs, as Fluentd 1.16.5 would; JSON lines in and out in the
Fluentd oracle's format (see the README).

test runs config tests (*.fluent-test.yaml): lines and events through a config,
checked against what its outputs receive. Exit 1 when a test fails, 2 on
unusable input ('fluentd-lint test --help').

PATH is a file, a directory, or - for stdin (shown as <stdin>; relative
@include paths resolve against the current directory).
  - Directories are searched recursively for *.conf, *.yaml and *.yml files,
    in sorted order; hidden entries (.git, ...) and node_modules are skipped.
    A directory without any such file is mentioned on stderr and is not an
    error, but a run that finds no file at all to check exits 2.
  - *.yaml/*.yml are Kubernetes manifests: every ConfigMap data key ending in
    .conf is checked as a fluent.conf (@include of a sibling key follows it),
    with positions in the YAML file; YAML errors are reported; other YAML has
    nothing to check.
  - Any other file named explicitly is checked as fluent.conf whatever its
    extension.
  - A file that is not valid UTF-8 is still checked (bad bytes read as U+FFFD)
    and gets an 'invalid-utf8' warning at the first bad byte.

Options:
  -f, --format FORMAT     text (default), json, sarif or github.
      --max-warnings N    Exit 1 when more than N warnings are found.
  -q, --quiet             Print errors only (warnings are still counted).
      --no-color          No colours (also: NO_COLOR set, or output not a TTY).
      --image IMAGE       The fluent/fluentd-kubernetes-daemonset image the
                          configs run in: a plugin its variant lacks is an
                          error [plugin-not-in-image] naming the variants that
                          have it.
  -h, --help              Show this help.
      --version           Show the version.

Output:
  text  One line per finding on stdout:
          file:line:col: severity: message [code]
        then "N errors, M warnings in K files" on stderr.
  json  Only this on stdout (and no summary):
          {"files":[{"path":…,"diagnostics":[{"severity","line","column",
            "endLine","endColumn","code","message"}]}]}
  sarif SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning…): one
        rule per finding code with its help, results with regions; relative
        paths are relative to the current directory (%SRCROOT%).
  github  GitHub Actions annotations, one per finding:
          ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message
  Lines and columns are 1-based; columns count characters (Unicode code
  points; a tab is one), as editors and grep -n tools expect. endLine and
  endColumn point just past the end of the finding (as in SARIF).

Exit status:
  0  no errors (and no more than N warnings with --max-warnings)
  1  errors found, or more than N warnings
  2  usage error, or a path that is missing, unreadable or unsupported
     (the other paths are still checked and reported)
`;
}
