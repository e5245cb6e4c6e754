// The classifier on the SDK's own exception classes, built the way its deserializers build them
// (modeled errors: `new XxxException({ message, $metadata })`; unmodeled codes such as
// ExpiredTokenException: the service base exception with that name). Errors moto can produce
// for real (ResourceNotFound, AccessDenied with IAM enforcement, bad credentials, missing
// region/credentials, refused connections) are tested in test/cloudwatch/errors.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AccessDeniedException,
  CloudWatchLogsServiceException,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  UnrecognizedClientException,
} from '@aws-sdk/client-cloudwatch-logs';
import { NotifyOnce, classifyAwsError } from '../../../src/cloudwatch/errors';
import { tagOperation } from '../../../src/cloudwatch/operation-tag';

const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 });

test('throttling is retryable and says so', () => {
  const c = classifyAwsError(new ThrottlingException({ message: 'Rate exceeded', $metadata: meta(400) }));
  assert.equal(c.kind, 'throttling');
  assert.equal(c.retryable, true);
  assert.match(c.message, /throttling/);
});

test('expired token (unmodeled code) and SSO expiry', () => {
  const expired = new CloudWatchLogsServiceException({
    name: 'ExpiredTokenException',
    $fault: 'client',
    message: 'The security token included in the request is expired',
    $metadata: meta(400),
  });
  const c = classifyAwsError(expired, { profile: 'dev' });
  assert.equal(c.kind, 'expired-token');
  assert.equal(c.retryable, false);
  assert.match(c.message, /profile "dev" have expired/);
  const sso = Object.assign(
    new Error(
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    ),
    { name: 'CredentialsProviderError' },
  );
  assert.match(classifyAwsError(sso, { profile: 'dev' }).message, /aws sso login --profile dev/);
});

test('AccessDenied names the IAM action from the message, else from the operation', () => {
  const withAction = new AccessDeniedException({
    message:
      'User: arn:aws:sts::1:assumed-role/ro/me is not authorized to perform: logs:DescribeLogStreams on resource: arn:aws:logs:eu-west-1:1:log-group:/eks/x:log-stream:',
    $metadata: meta(400),
  });
  const a = classifyAwsError(withAction);
  assert.equal(a.kind, 'access-denied');
  assert.equal(a.action, 'logs:DescribeLogStreams');
  assert.match(a.message, /needs logs:DescribeLogStreams/);
  const bare = tagOperation(new AccessDeniedException({ message: 'Access denied', $metadata: meta(400) }), 'StartLiveTail');
  assert.equal(classifyAwsError(bare).action, 'logs:StartLiveTail');
});

test('not found, invalid request, unavailable, unknown credentials', () => {
  const nf = classifyAwsError(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: meta(400) }), {
    resource: 'log group /eks/x',
    region: 'eu-west-1',
  });
  assert.equal(nf.kind, 'not-found');
  assert.match(nf.message, /^log group \/eks\/x does not exist in eu-west-1/);
  assert.equal(classifyAwsError(new InvalidParameterException({ message: 'bad token', $metadata: meta(400) })).kind, 'invalid-request');
  const su = classifyAwsError(new ServiceUnavailableException({ message: 'down', $metadata: meta(503) }));
  assert.equal(su.kind, 'service');
  assert.equal(su.retryable, true);
  assert.equal(
    classifyAwsError(
      new UnrecognizedClientException({ message: 'The security token included in the request is invalid.', $metadata: meta(400) }),
    ).kind,
    'invalid-credentials',
  );
  const lim = tagOperation(new LimitExceededException({ message: 'too many sessions', $metadata: meta(400) }), 'StartLiveTail');
  assert.equal(classifyAwsError(lim).kind, 'throttling');
});

test('network failures from Node and aborts', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  const n = classifyAwsError(refused, { endpoint: 'http://127.0.0.1:1' });
  assert.equal(n.kind, 'network');
  assert.match(n.message, /Cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  const nested = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
  assert.equal(classifyAwsError(nested).kind, 'network');
  assert.equal(classifyAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind, 'aborted');
  assert.equal(classifyAwsError('weird string').kind, 'unknown');
  assert.equal(classifyAwsError(undefined).kind, 'unknown');
});

test('each problem notifies once until it is cleared', () => {
  const gate = new NotifyOnce();
  const c = classifyAwsError(new ThrottlingException({ message: 'Rate exceeded', $metadata: meta(400) }));
  assert.equal(gate.shouldNotify(c, 'tail:1'), true);
  assert.equal(gate.shouldNotify(c, 'tail:1'), false);
  assert.equal(gate.shouldNotify(c, 'tail:2'), true, 'another scope');
  gate.clear('tail:1');
  assert.equal(gate.shouldNotify(c, 'tail:1'), true);
  assert.equal(gate.shouldNotify(classifyAwsError(Object.assign(new Error('x'), { name: 'AbortError' }))), false);
});
