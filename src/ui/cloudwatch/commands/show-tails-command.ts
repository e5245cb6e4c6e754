import { formatRate } from '../../../cloudwatch/rate-meter';
import type { CloudWatchSession } from '../session';
import { targetText, updateUserSetting } from '../settings';
import type { TailManager } from '../tail-manager';
import { modeText } from '../tail-status-bar';
import { STOP_ALL } from './stop-tail-command';

export const showLabel = (title: string) => `$(output) Show ${title}`;
export const stopLabel = (title: string) => `$(debug-stop) Stop ${title}`;
export const READABLE_JSON = '$(json) Show JSON messages readable';
export const RAW_JSON = '$(json) Show JSON messages as they are';

/**
 * The status bar item's click: the running tails, each to show or to stop, and how JSON
 * messages look. Nothing stops unless it is picked.
 */
export async function showTailsCommand(cw: CloudWatchSession, tails: TailManager): Promise<void> {
  const running = tails.running;
  if (!running.length) {
    await cw.prompts.notify(
      'info',
      'No Fluentd tail is running. Start one from the Fluentd › CloudWatch Logs view or with "Fluentd: Tail Pod…".',
    );
    return;
  }
  const readable = cw.config.cloudwatch.jsonMessages === 'readable';
  type Item = { label: string; description?: string; run: () => Promise<unknown> | unknown };
  const items: Item[] = [];
  for (const t of running) {
    const rate = `${formatRate(t.session.rate.rate())} · ${modeText(t.session.mode)}`;
    items.push({ label: showLabel(t.title), description: rate, run: () => t.channel.show(true) });
    items.push({ label: stopLabel(t.title), run: () => tails.stop(t.id) });
  }
  if (running.length > 1) items.push({ label: `$(debug-stop) ${STOP_ALL}`, run: () => tails.stopAll() });
  items.push({
    label: readable ? RAW_JSON : READABLE_JSON,
    description: readable ? 'now: level, message, then the other fields' : 'level, message, then the other fields',
    run: async () => {
      const where = await updateUserSetting(cw.context, 'cloudwatch.jsonMessages', readable ? 'raw' : 'readable');
      void cw.prompts.notify(
        'info',
        `Fluentd: JSON messages now shown ${readable ? 'as they are' : 'readable'} (saved in ${targetText(where)}).`,
      );
    },
  });
  const picked = await cw.prompts.pick(items, 'Fluentd tails');
  await picked?.run();
}
