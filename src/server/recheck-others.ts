// The "re-check the other open files" policy. An edit in one file can change the findings of
// the others of its config tree (a label defined in the root, a match that shadows a
// fragment's): once edits pause, every other open fluent.conf is checked again, and every open
// config test (they name sources and outputs of their config).
import { isConfigTestPath } from '../language/config-tests/protocol';

export interface OpenDocument {
  uri: string;
  languageId: string;
}

export interface RecheckOptions<D extends OpenDocument> {
  /** The debounce of one document's checks; the others wait a little longer. */
  delayMs(): number;
  open(): Iterable<D>;
  check(doc: D): void;
}

export class RecheckOthers<D extends OpenDocument> {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RecheckOptions<D>) {}

  /** `uri` was edited: after a pause in edits, check the other open configs. */
  changed(uri: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        for (const d of this.options.open())
          if (d.uri !== uri && (d.languageId === 'fluentd' || isConfigTestPath(d.uri))) this.options.check(d);
      } catch {
        // the connection went away meanwhile
      }
    }, this.options.delayMs() + 50);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
