import { formatRate } from '../../../cloudwatch/rate-meter';
import type { CloudWatchSession } from '../session';
import type { TailManager } from '../tail-manager';
import { modeText } from '../tail-status-bar';

export const STOP_ALL = 'Stop all tails';

/** Stop a running tail: the only one, or the one picked (or all). */
export async function stopTailCommand(cw: CloudWatchSession, tails: TailManager): Promise<void> {
  const running = tails.running;
  if (!running.length) {
    await cw.prompts.notify('info', 'No Fluentd tail is running.');
    return;
  }
  if (running.length === 1) {
    await tails.stop(running[0].id);
    return;
  }
  const items = [
    ...running.map((t) => ({
      label: t.title,
      description: `${formatRate(t.session.rate.rate())} · ${modeText(t.session.mode)}`,
      id: t.id,
    })),
    { label: STOP_ALL, id: -1 },
  ];
  const choice = await cw.prompts.pick(items, 'Stop which tail?');
  if (!choice) return;
  if (choice.id === -1) await tails.stopAll();
  else await tails.stop(choice.id);
}
