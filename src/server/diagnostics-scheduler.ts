// Decides when a document is checked: at once on open, debounced after edits, and
// never for a version that a newer one has replaced.

export interface SchedulerDocument {
  uri: string;
  version: number;
}

export interface SchedulerOptions<D extends SchedulerDocument> {
  delayMs(): number;
  /** The latest version of the document, or undefined once closed. */
  current(uri: string): D | undefined;
  publish(doc: D): void;
}

export class DiagnosticsScheduler<D extends SchedulerDocument> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version last checked per URI: an open also reports a content change. */
  private readonly checked = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions<D>) {}

  now(doc: D): void {
    this.cancel(doc.uri);
    this.run(doc.uri, doc.version);
  }

  later(doc: D): void {
    if (this.checked.get(doc.uri) === doc.version) return;
    this.cancel(doc.uri);
    const timer = setTimeout(() => {
      this.timers.delete(doc.uri);
      this.run(doc.uri, doc.version);
    }, this.options.delayMs());
    this.timers.set(doc.uri, timer);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Forgets a closed document. */
  close(uri: string): void {
    this.cancel(uri);
    this.checked.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.checked.clear();
  }

  private run(uri: string, version: number): void {
    const doc = this.options.current(uri);
    // closed, or a newer version is on its way: skip this one
    if (!doc || doc.version !== version) return;
    this.checked.set(uri, version);
    this.options.publish(doc);
  }
}
