import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPARE, READ_ALL, RunningPodsGate, type RunningPodsGateDeps } from '../../../src/cloudwatch/running-pods-gate';

const pod = (name: string) => ({
  metadata: { name, namespace: 'shop' },
  spec: { containers: [{ name: 'app' }] },
  status: { phase: 'Running' },
});

/** A cluster of `total` running pods behind the gate; questions are answered by `answer`. */
function setup(opts: { trusted: boolean; total: number }) {
  const asked: string[] = [];
  const listed: number[] = [];
  let allowed = 0;
  let reply: (yes: boolean) => void = () => undefined;
  const deps: RunningPodsGateDeps = {
    trusted: () => opts.trusted,
    cluster: async () => ({
      name: 'prod',
      async list(maxPods) {
        listed.push(maxPods);
        const n = Math.min(opts.total, maxPods);
        return { complete: n === opts.total, items: Array.from({ length: n }, (_, i) => pod(`p${i}`)) };
      },
    }),
    ask: (message, yes) => {
      asked.push(`${yes}: ${message}`);
      return new Promise((r) => (reply = r));
    },
    log: () => undefined,
    onAllowed: () => allowed++,
    maxPods: 100,
  };
  return { gate: new RunningPodsGate(deps), asked, listed, allowed: () => allowed, answer: (yes: boolean) => reply(yes) };
}
const settle = () => new Promise((r) => setImmediate(r));

test('Restricted Mode: the cluster is not contacted until the user says so, and is asked once', async () => {
  const s = setup({ trusted: false, total: 3 });
  assert.equal(await s.gate.list(), undefined);
  assert.equal(await s.gate.list(), undefined, 'the view redraws while the question is open');
  assert.deepEqual(s.listed, [], 'no request to the cluster');
  assert.equal(s.asked.length, 1);
  assert.match(s.asked[0], new RegExp(`^${COMPARE}: .*kube context "prod".*Restricted Mode`));
  s.answer(true);
  await settle();
  assert.equal(s.allowed(), 1);
  assert.equal((await s.gate.list())?.length, 3);
});

test('Restricted Mode, "not now": no listing until a refresh asks again', async () => {
  const s = setup({ trusted: false, total: 3 });
  await s.gate.list();
  s.answer(false);
  await settle();
  assert.equal(await s.gate.list(), undefined);
  assert.equal(s.asked.length, 1);
  s.gate.reset();
  await s.gate.list();
  assert.equal(s.asked.length, 2);
  assert.deepEqual(s.listed, []);
});

test('a trusted workspace lists at once, up to the pod cap; past it the user is asked before reading all', async () => {
  const small = setup({ trusted: true, total: 40 });
  assert.equal((await small.gate.list())?.length, 40);
  assert.equal(small.asked.length, 0);

  const big = setup({ trusted: true, total: 250 });
  assert.equal(await big.gate.list(), undefined, 'a partial list would call running pods "gone"');
  assert.equal(big.asked.length, 1);
  assert.match(big.asked[0], new RegExp(`^${READ_ALL}: .*runs more than 100 pods`));
  big.answer(true);
  await settle();
  assert.equal((await big.gate.list())?.length, 250);
  assert.deepEqual(big.listed, [100, Infinity]);
});

test('no kubeconfig or an unreachable cluster: no comparison and no question', async () => {
  const gate = new RunningPodsGate({
    trusted: () => false,
    cluster: async () => {
      throw new Error('No kubeconfig found');
    },
    ask: async () => assert.fail('asked'),
    log: () => undefined,
    onAllowed: () => undefined,
  });
  assert.equal(await gate.list(), undefined);
});
