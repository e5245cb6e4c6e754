// Makes moto enforce IAM: creates a user with an inline policy through moto's IAM API (query
// protocol, plain HTTP — no IAM client library needed), then switches on authentication so
// requests signed with that user's key are checked against the policy, as AWS would.

async function iam(endpoint: string, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ ...params, Version: '2010-05-08' });
  const r = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      // moto routes by the service named in the credential scope
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`IAM ${params.Action} failed: HTTP ${r.status} ${text.slice(0, 300)}`);
  return text;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';

/** Creates `userName` allowed only `actions`; returns its access key. Call before enforceAuth(). */
export async function createRestrictedUser(endpoint: string, userName: string, actions: string[]) {
  await iam(endpoint, { Action: 'CreateUser', UserName: userName });
  await iam(endpoint, {
    Action: 'PutUserPolicy',
    UserName: userName,
    PolicyName: 'logs-read',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }),
  });
  const key = await iam(endpoint, { Action: 'CreateAccessKey', UserName: userName });
  return { accessKeyId: tag(key, 'AccessKeyId'), secretAccessKey: tag(key, 'SecretAccessKey') };
}

/** From now on every request to moto must be signed by a known key and allowed by its policies. */
export async function enforceAuth(endpoint: string): Promise<void> {
  const r = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  await r.text();
  if (!r.ok) throw new Error(`moto reset-auth failed: HTTP ${r.status}`);
}
