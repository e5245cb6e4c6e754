// Errors produced for real: by moto (ResourceNotFound, AccessDenied with IAM enforcement, an
// unknown access key), by the SDK itself (no region, no credentials) and by the network (a
// closed port). Throttling and expired tokens cannot be produced by moto; the classifier is
// tested on the SDK's exception classes for those in test/unit/cloudwatch/errors.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createLogsClient } from '../../src/cloudwatch/client';
import { classifyAwsError } from '../../src/cloudwatch/errors';
import { logGroupPager } from '../../src/cloudwatch/log-groups';
import { logStreamPager } from '../../src/cloudwatch/log-streams';
import { filterPageFetcher } from '../../src/cloudwatch/sdk-adapters';
import { startTail } from '../../src/cloudwatch/tail';
import type { TailNotice } from '../../src/cloudwatch/tail-listener';
import { freePort } from '../harness/net';
import { startMoto, type MotoServer } from '../harness/moto';
import { createRestrictedUser, enforceAuth } from './helpers/moto-iam';

let moto: MotoServer;
let emptyAwsDir: string;
before(async () => {
  moto = await startMoto();
  emptyAwsDir = mkdtempSync(join(tmpdir(), 'aws-empty-'));
  writeFileSync(join(emptyAwsDir, 'config'), '');
  writeFileSync(join(emptyAwsDir, 'credentials'), '');
});
after(async () => {
  await moto?.stop();
  rmSync(emptyAwsDir, { recursive: true, force: true });
});

/** Runs `fn` with no AWS configuration reachable (env, files, instance metadata). */
async function withoutAwsConfig<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  process.env.AWS_CONFIG_FILE = join(emptyAwsDir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(emptyAwsDir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

test('a missing log group: ResourceNotFound from moto, named in the message', async () => {
  const client = moto.client();
  const pager = logStreamPager(client, '/eks/nope/containers');
  const err = await pager.next().then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err, 'moto must refuse');
  const c = classifyAwsError(err, { resource: 'log group /eks/nope/containers', region: moto.region });
  assert.equal(c.kind, 'not-found', c.detail);
  assert.match(c.message, /log group \/eks\/nope\/containers does not exist in us-east-1/);
  assert.equal(c.retryable, false);
});

test('tailing a missing group stops with one fatal notice instead of retrying', async () => {
  const notices: TailNotice[] = [];
  const session = startTail(
    { fetchFilterPage: filterPageFetcher(moto.client()) },
    { logGroupName: '/eks/gone/containers' },
    { onEvents: () => assert.fail('no events expected'), onNotice: (n) => notices.push(n) },
    { mode: 'poll', pollIntervalMs: 200 },
  );
  await session.done;
  assert.deepEqual(
    notices.map((n) => n.kind),
    ['started', 'error'],
  );
  const n = notices[1];
  assert.ok(n.kind === 'error' && n.fatal && n.error.kind === 'not-found', JSON.stringify(n));
});

test('no region anywhere: the SDK refuses and the message says how to set one', async () => {
  await withoutAwsConfig(async () => {
    const client = createLogsClient({ credentials: moto.credentials });
    const err = await client.send(new DescribeLogGroupsCommand({})).then(
      () => undefined,
      (e: unknown) => e,
    );
    const c = classifyAwsError(err);
    assert.equal(c.kind, 'no-region', c.detail);
    assert.match(c.message, /fluentd\.aws\.region/);
  });
});

test('no credentials anywhere: the default chain fails and the message names the profile', async () => {
  await withoutAwsConfig(async () => {
    const client = createLogsClient({ region: 'eu-west-1', endpoint: moto.endpoint, profile: 'nobody' });
    const started = Date.now();
    const err = await logGroupPager(client)
      .next()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const c = classifyAwsError(err, { profile: 'nobody' });
    assert.equal(c.kind, 'no-credentials', c.detail);
    assert.match(c.message, /profile "nobody"/);
    assert.ok(Date.now() - started < 10_000, 'fails fast (no metadata service lookups)');
  });
});

test('a closed local port: "cannot reach" within a few seconds, not a hang', async () => {
  const port = await freePort(); // free now, so nothing listens there
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createLogsClient({ region: 'us-east-1', endpoint, credentials: moto.credentials });
  const started = Date.now();
  const err = await logGroupPager(client)
    .next()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const elapsed = Date.now() - started;
  const c = classifyAwsError(err, { endpoint });
  assert.equal(c.kind, 'network', c.detail);
  assert.match(c.message, new RegExp(`Cannot reach ${endpoint.replace(/[.:/]/g, '\\$&')} \\(ECONNREFUSED\\)`));
  assert.equal(c.retryable, true);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
});

// Last: switches moto to IAM enforcement for the rest of this server's life.
test('IAM enforced by moto: AccessDenied names the missing action; an unknown key is rejected', async () => {
  const admin = moto.client();
  await admin.send(new CreateLogGroupCommand({ logGroupName: '/eks/iam/containers' }));
  const key = await createRestrictedUser(moto.endpoint, 'log-reader', ['logs:DescribeLogGroups']);
  await enforceAuth(moto.endpoint);

  // the product's client: keeps moto's XML error bodies readable for the classifier
  const reader = createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: key });
  const groups = await logGroupPager(reader, { prefix: '/eks/iam/' }).next();
  assert.deepEqual(
    groups.items.map((g) => g.logGroupName),
    ['/eks/iam/containers'],
    'the allowed call works',
  );

  const denied = await logStreamPager(reader, '/eks/iam/containers')
    .next()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const c = classifyAwsError(denied, { resource: 'log group /eks/iam/containers' });
  assert.equal(c.kind, 'access-denied', c.detail);
  assert.equal(c.action, 'logs:DescribeLogStreams');
  assert.match(c.message, /needs logs:DescribeLogStreams/);
  assert.match(c.detail, /is not authorized to perform: logs:DescribeLogStreams/, "moto's own words, read from its XML body");

  const stranger = createLogsClient({
    region: moto.region,
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
  });
  const rejected = await logGroupPager(stranger)
    .next()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const r = classifyAwsError(rejected);
  assert.equal(r.kind, 'invalid-credentials', r.detail);
});
