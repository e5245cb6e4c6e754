// The engines' data sources, backed by the SDK client: FilterLogEvents pages, StartLiveTail
// sessions, GetLogEvents pages. Kept thin so the engines can be driven by anything page-shaped.
import {
  FilterLogEventsCommand,
  GetLogEventsCommand,
  StartLiveTailCommand,
  type CloudWatchLogsClient,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { FetchEventsPage } from './history';
import type { LiveTailMessage, OpenLiveTail } from './live-tail';
import type { FetchFilterPage } from './poll-tail';
import type { TailEvent } from './types';

export function filterPageFetcher(client: CloudWatchLogsClient): FetchFilterPage {
  return async (req, signal) => {
    const input: FilterLogEventsCommandInput = {
      logGroupName: req.logGroupName,
      startTime: req.startTime,
      // ignored by the service since 2019 (always interleaved) but emulators still honour it
      interleaved: true,
    };
    if (req.logStreamNames?.length) input.logStreamNames = req.logStreamNames;
    else if (req.logStreamNamePrefix) input.logStreamNamePrefix = req.logStreamNamePrefix;
    if (req.filterPattern) input.filterPattern = req.filterPattern;
    if (req.nextToken) input.nextToken = req.nextToken;
    const out = await client.send(new FilterLogEventsCommand(input), { abortSignal: signal });
    const events: TailEvent[] = (out.events ?? []).map((e) => ({
      logStreamName: e.logStreamName ?? '',
      timestamp: e.timestamp ?? 0,
      message: e.message ?? '',
      ingestionTime: e.ingestionTime,
      eventId: e.eventId,
    }));
    return { events, nextToken: out.nextToken };
  };
}

export function liveTailOpener(client: CloudWatchLogsClient): OpenLiveTail {
  return async (req, signal) => {
    const out = await client.send(new StartLiveTailCommand(req), { abortSignal: signal });
    const stream = out.responseStream;
    if (!stream) throw Object.assign(new Error('StartLiveTail returned no response stream'), { name: 'ServiceUnavailableException' });
    return (async function* (): AsyncGenerator<LiveTailMessage> {
      for await (const ev of stream) {
        if (ev.sessionStart) yield { kind: 'start', sessionId: ev.sessionStart.sessionId };
        else if (ev.sessionUpdate) {
          yield {
            kind: 'update',
            sampled: !!ev.sessionUpdate.sessionMetadata?.sampled,
            events: (ev.sessionUpdate.sessionResults ?? []).map((e) => ({
              logStreamName: e.logStreamName ?? '',
              timestamp: e.timestamp ?? 0,
              message: e.message ?? '',
              ingestionTime: e.ingestionTime,
            })),
          };
        } else if (ev.SessionTimeoutException) yield { kind: 'timeout' };
        else if (ev.SessionStreamingException) {
          throw Object.assign(new Error(ev.SessionStreamingException.message ?? 'Live Tail stream failed'), {
            name: 'SessionStreamingException',
          });
        }
      }
    })();
  };
}

export function eventsPageFetcher(client: CloudWatchLogsClient): FetchEventsPage {
  return async (req, signal) => {
    const out = await client.send(
      new GetLogEventsCommand({
        logGroupName: req.logGroupName,
        logStreamName: req.logStreamName,
        limit: req.limit,
        startFromHead: false,
        ...(req.nextToken ? { nextToken: req.nextToken } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    );
    return {
      events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', ingestionTime: e.ingestionTime })),
      nextBackwardToken: out.nextBackwardToken,
      nextForwardToken: out.nextForwardToken,
    };
  };
}
