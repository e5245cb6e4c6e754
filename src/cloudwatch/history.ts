// A stream's history, newest page first, older pages on request ("Load older…"). GetLogEvents
// walks backwards with nextBackwardToken; the service answers the same token again when there
// is nothing older (the paginators' stopOnSameToken rule).
import { tagOperation } from './operation-tag';
import type { Limiter } from './tail-listener';

export interface HistoryEvent {
  timestamp: number;
  message: string;
  ingestionTime?: number;
}

export interface GetEventsRequest {
  logGroupName: string;
  logStreamName: string;
  limit: number;
  nextToken?: string;
}

export interface GetEventsPage {
  events: HistoryEvent[];
  nextBackwardToken?: string;
  nextForwardToken?: string;
}

/** One GetLogEvents call with startFromHead=false (see sdk-adapters.ts). */
export type FetchEventsPage = (req: GetEventsRequest, signal?: AbortSignal) => Promise<GetEventsPage>;

export interface StreamHistoryOptions {
  /** events per request (default 200; the API allows 10,000) */
  pageSize?: number;
  /** empty pages to skip in one "load older" before giving the user control back (default 5) */
  maxEmptyPages?: number;
  limiter?: Limiter;
}

export class StreamHistory {
  /** chronological: oldest loaded event first */
  private loaded: HistoryEvent[] = [];
  private backwardToken: string | undefined;
  private started = false;
  private exhausted_ = false;
  private busy: Promise<unknown> = Promise.resolve();
  readonly pageSize: number;

  constructor(
    private readonly fetchPage: FetchEventsPage,
    readonly logGroupName: string,
    readonly logStreamName: string,
    private readonly opts: StreamHistoryOptions = {},
  ) {
    this.pageSize = Math.max(1, Math.min(opts.pageSize ?? 200, 10_000));
  }

  get events(): readonly HistoryEvent[] {
    return this.loaded;
  }

  /** true once the service said there is nothing older than what is loaded */
  get exhausted(): boolean {
    return this.exhausted_;
  }

  get hasLoaded(): boolean {
    return this.started;
  }

  /** Loads the newest page (first call) or the next older one; returns how many events arrived. */
  loadOlder(signal?: AbortSignal): Promise<number> {
    const r = this.busy.then(() => this.pull(signal));
    this.busy = r.catch(() => undefined);
    return r;
  }

  private async pull(signal?: AbortSignal): Promise<number> {
    if (this.exhausted_) return 0;
    const maxEmpty = this.opts.maxEmptyPages ?? 5;
    for (let attempt = 0; attempt <= maxEmpty; attempt++) {
      const sent = this.started ? this.backwardToken : undefined;
      await this.opts.limiter?.take(signal);
      let page: GetEventsPage;
      try {
        page = await this.fetchPage(
          {
            logGroupName: this.logGroupName,
            logStreamName: this.logStreamName,
            limit: this.pageSize,
            ...(sent ? { nextToken: sent } : {}),
          },
          signal,
        );
      } catch (e) {
        throw tagOperation(e, 'GetLogEvents');
      }
      this.started = true;
      const events = page.events;
      if (events.length) this.loaded = events.concat(this.loaded);
      const next = page.nextBackwardToken;
      if (!next || next === sent) {
        this.exhausted_ = true;
        return events.length;
      }
      this.backwardToken = next;
      if (events.length) return events.length;
    }
    return 0;
  }
}
