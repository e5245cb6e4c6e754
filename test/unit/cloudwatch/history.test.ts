import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamHistory, type FetchEventsPage, type GetEventsRequest } from '../../../src/cloudwatch/history';
import { renderHistoryDocument } from '../../../src/cloudwatch/history-document';

/** GetLogEvents backwards over `n` events the way the service pages: same token at the start. */
function backwardsSource(n: number, emptyPagesBefore = 0) {
  const requests: GetEventsRequest[] = [];
  let empties = emptyPagesBefore;
  const fetch: FetchEventsPage = async (req) => {
    requests.push(req);
    if (req.nextToken?.startsWith('e') && empties > 0) {
      empties--;
      return { events: [], nextBackwardToken: `e${empties}|${req.nextToken.split('|')[1]}` };
    }
    const end = req.nextToken ? Number(req.nextToken.split('|').at(-1)) : n; // exclusive
    const start = Math.max(0, end - req.limit);
    const events = Array.from({ length: end - start }, (_, i) => ({ timestamp: 1000 + start + i, message: `m${start + i}` }));
    const token = empties > 0 && start > 0 ? `e${empties}|${start}` : `b|${start}`;
    return { events, nextBackwardToken: end === 0 ? req.nextToken : token };
  };
  return { fetch, requests };
}

test('newest page first, then older pages prepended, until the service repeats the token', async () => {
  const src = backwardsSource(25);
  const h = new StreamHistory(src.fetch, 'g', 's', { pageSize: 10 });
  assert.equal(await h.loadOlder(), 10);
  assert.deepEqual(
    h.events.map((e) => e.message),
    Array.from({ length: 10 }, (_, i) => `m${15 + i}`),
  );
  assert.equal(await h.loadOlder(), 10);
  assert.equal(await h.loadOlder(), 5);
  assert.equal(h.exhausted, false, 'the service has not said "no more" yet');
  assert.equal(await h.loadOlder(), 0);
  assert.equal(h.exhausted, true);
  assert.deepEqual(
    h.events.map((e) => e.message),
    Array.from({ length: 25 }, (_, i) => `m${i}`),
  );
  const before = src.requests.length;
  assert.equal(await h.loadOlder(), 0);
  assert.equal(src.requests.length, before, 'no request once exhausted');
});

test('empty pages in between are skipped within one "load older"', async () => {
  const src = backwardsSource(30, 3);
  const h = new StreamHistory(src.fetch, 'g', 's', { pageSize: 10 });
  await h.loadOlder();
  assert.equal(await h.loadOlder(), 10);
  assert.equal(h.events.length, 20);
  assert.equal(src.requests.length, 5, 'first page, three empty pages, then the older page');
});

test('concurrent clicks load consecutive pages, never the same one twice', async () => {
  const src = backwardsSource(100);
  const h = new StreamHistory(src.fetch, 'g', 's', { pageSize: 10 });
  await Promise.all([h.loadOlder(), h.loadOlder(), h.loadOlder()]);
  assert.deepEqual(
    h.events.map((e) => e.timestamp),
    Array.from({ length: 30 }, (_, i) => 1070 + i),
  );
});

test('the document: header with the state, then one line per event (JSON log text shown)', () => {
  const text = renderHistoryDocument({
    logGroupName: '/eks/demo/containers',
    logStreamName: 'api_shop_app-x',
    exhausted: false,
    events: [
      { timestamp: Date.UTC(2024, 0, 1), message: '{"log":"hello\\n"}' },
      { timestamp: Date.UTC(2024, 0, 1, 0, 0, 1), message: 'plain' },
    ],
  });
  assert.equal(
    text,
    '# /eks/demo/containers › api_shop_app-x — 2 events loaded; older events available — Load older…\n' +
      '2024-01-01T00:00:00.000Z hello\n2024-01-01T00:00:01.000Z plain\n',
  );
});
