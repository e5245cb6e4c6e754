// When the CloudWatch view shows welcome content instead of a node: nothing is set up yet (no
// AWS region), or the account and region hold no log groups (under the filter). The welcome
// content (package.json viewsWelcome) says how to set region, profile or endpoint; the view
// must be empty for VS Code to show it. Any other problem stays a node with its own message.
import type { TreeNode } from './tree-model';

export type WelcomeState = 'no-region' | 'no-groups';

/** The welcome state the view's top level stands for, or undefined when it has something to show. */
export function welcomeState(roots: readonly TreeNode[]): WelcomeState | undefined {
  if (roots.length !== 1 || roots[0].kind !== 'message') return undefined;
  const only = roots[0];
  if (only.problem === 'no-region') return 'no-region';
  if (only.id === 'msg:no-groups') return 'no-groups';
  return undefined;
}
