// Counts the API operations a client sends, to prove "one page per click" against moto.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export function recordCommands(client: CloudWatchLogsClient): string[] {
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'testRecordCommands' },
  );
  return calls;
}
