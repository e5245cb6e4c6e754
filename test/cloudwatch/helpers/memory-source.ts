// An in-memory event store answering FilterLogEvents-shaped requests (startTime inclusive,
// stream names/prefix, pages of `pageSize` with a nextToken), for engine unit tests and the
// bench's in-process throughput number. The moto tests exercise the real API.
import type { FetchFilterPage, FilterRequest } from '../../../src/cloudwatch/poll-tail';
import type { TailEvent } from '../../../src/cloudwatch/types';

export class MemoryLogStore {
  events: TailEvent[] = [];
  requests: FilterRequest[] = [];
  private nextId = 0;
  /** throw this (once per entry) before answering */
  failures: unknown[] = [];

  constructor(private readonly pageSize = 10_000) {}

  put(stream: string, timestamp: number, message: string, ingestionTime = timestamp): TailEvent {
    const e = { logStreamName: stream, timestamp, message, ingestionTime, eventId: String(this.nextId++) };
    this.events.push(e);
    return e;
  }

  fetch: FetchFilterPage = async (req) => {
    this.requests.push(req);
    if (this.failures.length) throw this.failures.shift();
    const matching = this.events
      .filter(
        (e) =>
          e.timestamp >= req.startTime &&
          (!req.logStreamNames || req.logStreamNames.includes(e.logStreamName)) &&
          (!req.logStreamNamePrefix || e.logStreamName.startsWith(req.logStreamNamePrefix)),
      )
      .sort((a, b) => a.timestamp - b.timestamp || Number(a.eventId) - Number(b.eventId));
    const from = req.nextToken ? matching.findIndex((e) => e.eventId === req.nextToken) + 1 : 0;
    const page = matching.slice(from, from + this.pageSize);
    const more = from + this.pageSize < matching.length;
    return { events: page.map((e) => ({ ...e })), nextToken: more ? page[page.length - 1].eventId : undefined };
  };
}
