// Page-at-a-time access to an SDK v3 paginator: the tree shows the first page as soon as it
// arrives and pulls the next one only when the user asks for "Load more…".
import { tagOperation } from './operation-tag';

export interface Page<T> {
  items: T[];
  /** false once the service said there is nothing after this page */
  hasMore: boolean;
}

/** What the tree needs from a paginated listing. */
export interface PageSource<T> {
  readonly done: boolean;
  next(): Promise<Page<T>>;
}

export class Pager<T, P = unknown> implements PageSource<T> {
  private iterator: AsyncIterator<P> | undefined;
  private finished = false;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param open starts the paginator (called on the first `next()`)
   * @param extract the items of one page and the token for the next (absent on the last page)
   * @param operation the API operation, attached to errors so messages can name the IAM action
   */
  constructor(
    private readonly open: () => AsyncIterable<P>,
    private readonly extract: (page: P) => { items: T[]; nextToken?: string },
    readonly operation: string,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** The next page; concurrent calls are served one after the other, never skipping a page. */
  next(): Promise<Page<T>> {
    const result = this.queue.then(() => this.pull());
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async pull(): Promise<Page<T>> {
    if (this.finished) return { items: [], hasMore: false };
    this.iterator ??= this.open()[Symbol.asyncIterator]();
    let r: IteratorResult<P>;
    try {
      r = await this.iterator.next();
    } catch (e) {
      // a failed paginator cannot be resumed; the caller may build a new pager to retry
      this.finished = true;
      throw tagOperation(e, this.operation);
    }
    if (r.done) {
      this.finished = true;
      return { items: [], hasMore: false };
    }
    const { items, nextToken } = this.extract(r.value);
    if (!nextToken) this.finished = true;
    return { items, hasMore: !!nextToken };
  }
}
