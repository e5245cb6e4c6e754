// The two ways a config stops the simulation short: Fluentd itself would refuse it, or a
// step is beyond this engine (named, never guessed).

/** Fluentd refuses to start with this config (Fluent::ConfigError). */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The Ruby exception class Fluentd raises (for the message as Fluentd prints it). */
    readonly rubyClass = 'Fluent::ConfigError',
  ) {
    super(message);
  }
}

/** A plugin or a value this simulator does not reproduce: the step is shown as not simulated. */
export class NotSimulatedError extends Error {
  override readonly name = 'NotSimulatedError';
}
