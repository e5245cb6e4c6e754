// Fluentd: Stop Pod Logs — ends every pod-log session (their channels stay, with what they showed).
import type { PodLogManager } from './pod-log-manager';

export const STOP_POD_LOGS_COMMAND = 'fluentd.podLogs.stop';

export async function stopPodLogsCommand(manager: PodLogManager): Promise<number> {
  return manager.stop();
}
