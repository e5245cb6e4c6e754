// Remembers which API operation an error came from, so the classifier can name the IAM action
// (`logs:DescribeLogStreams`) even when the service message does not.
const OPERATION = Symbol('cloudwatch.operation');

export function tagOperation(err: unknown, operation: string): unknown {
  if (err && typeof err === 'object' && !(OPERATION in err)) {
    Object.defineProperty(err, OPERATION, { value: operation, enumerable: false });
  }
  return err;
}

export function operationOf(err: unknown): string | undefined {
  if (err && typeof err === 'object' && OPERATION in err) return (err as Record<symbol, string>)[OPERATION];
  return undefined;
}
