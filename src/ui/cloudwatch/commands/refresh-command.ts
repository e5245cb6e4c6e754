import type { CloudWatchSession } from '../session';

/** Reload everything in the tree (and let known problems notify again). */
export function refreshCommand(cw: CloudWatchSession): void {
  cw.notifyOnce.clear();
  cw.pods.reset();
  cw.model.refresh();
}
