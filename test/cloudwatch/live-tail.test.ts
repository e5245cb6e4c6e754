// StartLiveTail against moto. moto (5.2.x) implements it as a snapshot: one sessionStart, one
// sessionUpdate with up to 500 existing events (sampled=true when there were more), then the
// stream ends. So: the SDK's event stream decoding and our session handling are real; following
// new events is checked through the auto-mode handover to polling and the forced-mode restart.
// moto quirk: a group is looked up by ARN in a loop without `break`, so StartLiveTail always
// reads the most recently created group; each test resets moto and creates its group last.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createLogsClient } from '../../src/cloudwatch/client';
import { logGroupPager } from '../../src/cloudwatch/log-groups';
import { RequestLimiter } from '../../src/cloudwatch/rate-limiter';
import { filterPageFetcher, liveTailOpener } from '../../src/cloudwatch/sdk-adapters';
import { startTail } from '../../src/cloudwatch/tail';
import type { TailNotice } from '../../src/cloudwatch/tail-listener';
import type { TailEvent, TailTarget } from '../../src/cloudwatch/types';
import { startMoto, type MotoServer } from '../harness/moto';

let moto: MotoServer;
before(async () => {
  moto = await startMoto();
});
after(async () => moto?.stop());
beforeEach(async () => moto.reset());

const GROUP = '/eks/live/containers';
const STREAMS = ['a-0_ns_app-' + 'a'.repeat(64), 'b-0_ns_app-' + 'b'.repeat(64)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seed(count: number): Promise<TailTarget> {
  const c = moto.client();
  await c.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  for (const s of STREAMS) await c.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: s }));
  const base = Date.now() - 60_000;
  for (let i = 0; i < count; i += 250) {
    const n = Math.min(250, count - i);
    await c.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: STREAMS[(i / 250) % 2],
        logEvents: Array.from({ length: n }, (_, k) => ({ timestamp: base + i + k, message: `seed-${i + k}` })),
      }),
    );
  }
  const group = (await logGroupPager(client(), { prefix: GROUP }).next()).items[0];
  return { logGroupName: group.logGroupName, logGroupArn: group.logGroupArn };
}

function client() {
  return createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
}

function tail(target: TailTarget, mode: 'auto' | 'liveTail') {
  const events: TailEvent[] = [];
  const notices: TailNotice[] = [];
  const c = client();
  const session = startTail(
    { fetchFilterPage: filterPageFetcher(c), openLiveTail: liveTailOpener(c), limiter: new RequestLimiter(5, 5) },
    target,
    { onEvents: (e) => events.push(...e), onNotice: (n) => notices.push(n) },
    { mode, pollIntervalMs: 300 },
  );
  return { events, notices, session };
}

async function until(cond: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await sleep(100);
}

test('auto mode: the Live Tail snapshot arrives through the SDK event stream, then polling continues without repeats', async () => {
  const target = await seed(40);
  const t = tail(target, 'auto');
  await until(() => t.events.length >= 40);
  assert.equal(t.notices[0].kind === 'started' && t.notices[0].mode, 'liveTail');
  await until(() => t.session.mode === 'poll');
  assert.ok(
    t.notices.some((n) => n.kind === 'fallback'),
    JSON.stringify(t.notices),
  );
  await moto
    .client()
    .send(
      new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAMS[1], logEvents: [{ timestamp: Date.now(), message: 'after' }] }),
    );
  await until(() => t.events.some((e) => e.message === 'after'));
  await sleep(1000);
  await t.session.stop();
  const msgs = t.events.map((e) => e.message);
  assert.deepEqual(
    msgs.slice(0, 40),
    Array.from({ length: 40 }, (_, i) => `seed-${i}`),
    'snapshot in timestamp order',
  );
  assert.deepEqual(msgs.slice(40), ['after']);
});

test('a sampled snapshot (over 500 events) is reported, and polling fills in the rest exactly once', async () => {
  const target = await seed(600);
  const t = tail(target, 'auto');
  await until(() => t.events.length >= 600);
  await sleep(1000);
  await t.session.stop();
  assert.ok(
    t.notices.some((n) => n.kind === 'sampled' && n.sampled),
    JSON.stringify(t.notices.map((n) => n.kind)),
  );
  assert.equal(t.events.length, 600);
  assert.deepEqual(t.events.map((e) => e.message).sort(), Array.from({ length: 600 }, (_, i) => `seed-${i}`).sort());
});

test('forced Live Tail mode: the ended session is restarted; new events appear once, old ones are not repeated', async () => {
  const target = await seed(20);
  const t = tail(target, 'liveTail');
  await until(() => t.events.length >= 20);
  await moto
    .client()
    .send(
      new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAMS[0], logEvents: [{ timestamp: Date.now(), message: 'new-1' }] }),
    );
  await until(() => t.events.some((e) => e.message === 'new-1'));
  await t.session.stop();
  assert.equal(t.session.mode, 'liveTail');
  assert.ok(t.notices.some((n) => n.kind === 'restarted'));
  assert.deepEqual(
    t.events.map((e) => e.message),
    [...Array.from({ length: 20 }, (_, i) => `seed-${i}`), 'new-1'],
  );
});
