// Stream history against moto: GetLogEvents newest page first, older pages until moto answers
// with the same backward token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createLogsClient } from '../../src/cloudwatch/client';
import { classifyAwsError } from '../../src/cloudwatch/errors';
import { StreamHistory } from '../../src/cloudwatch/history';
import { renderHistoryDocument } from '../../src/cloudwatch/history-document';
import { eventsPageFetcher } from '../../src/cloudwatch/sdk-adapters';
import { startMoto, type MotoServer } from '../harness/moto';
import { recordCommands } from './helpers/request-log';

let moto: MotoServer;
const GROUP = '/eks/history/containers';
const STREAM = 'ledger-0_payments_ledger-' + 'c'.repeat(64);
const base = Date.now() - 3_600_000;

before(async () => {
  moto = await startMoto();
  const c = moto.client();
  await c.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await c.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }));
  await c.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: STREAM,
      logEvents: Array.from({ length: 450 }, (_, i) => ({ timestamp: base + i * 1000, message: JSON.stringify({ log: `line ${i}\n` }) })),
    }),
  );
});
after(async () => moto?.stop());

function client() {
  return createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
}

test('newest page first, then older pages, until the same token comes back', async () => {
  const c = client();
  const calls = recordCommands(c);
  const h = new StreamHistory(eventsPageFetcher(c), GROUP, STREAM, { pageSize: 100 });
  assert.equal(await h.loadOlder(), 100);
  assert.equal(h.events[0].timestamp, base + 350_000, 'the newest 100 events');
  assert.equal(h.events.at(-1)!.timestamp, base + 449_000);
  const counts: number[] = [];
  while (!h.exhausted) counts.push(await h.loadOlder());
  assert.deepEqual(counts, [100, 100, 100, 50, 0]);
  assert.deepEqual(
    h.events.map((e) => e.timestamp),
    Array.from({ length: 450 }, (_, i) => base + i * 1000),
  );
  assert.equal(calls.filter((x) => x === 'GetLogEvents').length, 6);
  const doc = renderHistoryDocument({ logGroupName: GROUP, logStreamName: STREAM, events: h.events, exhausted: h.exhausted });
  const lines = doc.trimEnd().split('\n');
  assert.equal(lines.length, 451);
  assert.match(lines[0], /450 events loaded; start of stream reached/);
  assert.equal(lines[1], `${new Date(base).toISOString()} line 0`);
});

test('a stream that does not exist: ResourceNotFound, classified', async () => {
  const h = new StreamHistory(eventsPageFetcher(client()), GROUP, 'missing', { pageSize: 10 });
  const err = await h.loadOlder().then(
    () => undefined,
    (e: unknown) => e,
  );
  const c = classifyAwsError(err, { resource: `stream missing` });
  assert.equal(c.kind, 'not-found', c.detail);
});
