// fluentd-lint's exit statuses, the same for every subcommand (documented in --help).

/** Nothing to report, or only what --max-warnings allows. */
export const EXIT_OK = 0;
/** Errors found, or more warnings than --max-warnings (a subcommand's own "failed"). */
export const EXIT_FINDINGS = 1;
/** A usage error, or an input that could not be read (the others are still checked). */
export const EXIT_USAGE = 2;
