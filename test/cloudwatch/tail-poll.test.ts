// Polling tail against moto while several writers put events concurrently: the tail must show
// exactly the multiset of events written — nothing dropped, nothing twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { createLogsClient } from '../../src/cloudwatch/client';
import { RequestLimiter } from '../../src/cloudwatch/rate-limiter';
import { filterPageFetcher } from '../../src/cloudwatch/sdk-adapters';
import { startTail, type TailSession } from '../../src/cloudwatch/tail';
import type { TailNotice } from '../../src/cloudwatch/tail-listener';
import type { TailEvent } from '../../src/cloudwatch/types';
import { containerId, startMoto, type MotoServer } from '../harness/moto';

let moto: MotoServer;
let writerClient: CloudWatchLogsClient;
const GROUP = '/eks/tail/containers';
const STREAMS = ['api-1', 'api-2', 'worker-1', 'worker-2', 'cron-1', 'db-0'].map(
  (pod) => `kubernetes.var.log.containers.${pod}_shop_app-${containerId(pod)}.log`,
);

before(async () => {
  moto = await startMoto();
  writerClient = moto.client();
  await writerClient.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  for (const s of STREAMS) await writerClient.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: s }));
});
after(async () => moto?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tailer(target: Parameters<typeof startTail>[1], opts: Parameters<typeof startTail>[3] = {}) {
  const events: TailEvent[] = [];
  const notices: TailNotice[] = [];
  const c = createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
  const session = startTail(
    { fetchFilterPage: filterPageFetcher(c), limiter: new RequestLimiter(5, 5) },
    target,
    { onEvents: (e) => events.push(...e), onNotice: (n) => notices.push(n) },
    { mode: 'poll', pollIntervalMs: 300, ...opts },
  );
  return { events, notices, session };
}

async function put(stream: string, events: { timestamp: number; message: string }[]) {
  await writerClient.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: events }));
}

async function waitFor(session: TailSession, cond: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await sleep(100);
  // a few more polls: anything that arrives twice would arrive now
  await sleep(1500);
  await session.stop();
}

const key = (e: { logStreamName: string; message: string }) => `${e.logStreamName}|${e.message}`;

test('four concurrent writers: the tail receives exactly the multiset written', async () => {
  const t = tailer({ logGroupName: GROUP }, { startTime: Date.now() });
  const written: string[] = [];
  const writer = async (w: number) => {
    for (let b = 0; b < 25; b++) {
      // writers 0 and 1 share streams, so events land in the same stream in the same millisecond
      const stream = STREAMS[(w * 2 + b) % STREAMS.length];
      const ts = Date.now();
      const n = 1 + ((w * 7 + b * 3) % 15);
      const batch = Array.from({ length: n }, (_, i) => ({ timestamp: ts, message: `w${w}-b${b}-${i}` }));
      // identical content twice: two events, and both must be shown
      if (b % 5 === 0) batch.push({ timestamp: ts, message: `dup-w${w}` }, { timestamp: ts, message: `dup-w${w}` });
      // an event stamped 1.5 s before it is written (ingestion lag), inside the overlap window
      if (b === 20) batch.unshift({ timestamp: ts - 1500, message: `late-w${w}` });
      await put(stream, batch);
      written.push(...batch.map((e) => key({ logStreamName: stream, message: e.message })));
      await sleep(20 + ((w * 13 + b * 7) % 60));
    }
  };
  // writers start 2 s after the tail, so an event stamped 1.5 s before it is written still
  // falls after the tail's startTime (a tail rightly shows nothing from before it started;
  // without this wait a fast machine stamps the late events before the start)
  await sleep(2000);
  await Promise.all([0, 1, 2, 3].map(writer));
  await waitFor(t.session, () => t.events.length >= written.length);
  assert.equal(t.events.length, written.length, `received ${t.events.length}, written ${written.length}`);
  assert.deepEqual(t.events.map(key).sort(), [...written].sort());
  assert.equal(new Set(t.events.map((e) => e.eventId)).size, t.events.length, 'no event id twice');
  assert.ok(
    t.notices.every((n) => n.kind === 'started'),
    JSON.stringify(t.notices),
  );
  assert.ok(t.session.pollState.polls >= 5);
  assert.ok(t.session.rate.total === written.length);
});

test('a pod tail (stream names) and a prefix tail see only their streams', async () => {
  const start = Date.now();
  const pod = tailer({ logGroupName: GROUP, logStreamNames: [STREAMS[0], STREAMS[1]] }, { startTime: start });
  const prefix = tailer({ logGroupName: GROUP, logStreamNamePrefix: 'kubernetes.var.log.containers.worker-' }, { startTime: start });
  for (let i = 0; i < 6; i++) await put(STREAMS[i], [{ timestamp: Date.now(), message: `only-${i}` }]);
  await Promise.all([
    waitFor(pod.session, () => pod.events.length >= 2, 10_000),
    waitFor(prefix.session, () => prefix.events.length >= 2, 10_000),
  ]);
  assert.deepEqual(pod.events.map((e) => e.message).sort(), ['only-0', 'only-1']);
  assert.deepEqual(prefix.events.map((e) => e.message).sort(), ['only-2', 'only-3']);
});

test('a group tail with a filter pattern shows only matching events', async () => {
  const t = tailer({ logGroupName: GROUP, filterPattern: 'ERROR' }, { startTime: Date.now() });
  await put(STREAMS[4], [
    { timestamp: Date.now(), message: 'INFO all good' },
    { timestamp: Date.now(), message: 'ERROR disk full' },
    { timestamp: Date.now(), message: '{"log":"ERROR in json\\n"}' },
  ]);
  await waitFor(t.session, () => t.events.length >= 2, 10_000);
  assert.deepEqual(t.events.map((e) => e.message).sort(), ['ERROR disk full', '{"log":"ERROR in json\\n"}']);
});
