// An exception as Fluentd raises it while parsing: its Ruby class and message. The outcome's
// message is written `Class: message`, as Fluentd's logs (and the oracle) show it.
export class RubyError extends Error {
  constructor(
    readonly rubyClass: string,
    message: string,
  ) {
    super(message);
  }

  /** `Class: message` */
  get full(): string {
    return `${this.rubyClass}: ${this.message}`;
  }
}
