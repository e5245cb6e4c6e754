// The tree node of one kind: shared by the commands (commands/node-args.ts) and the pickers, in
// its own file so that neither imports the other's folder.
import type { TreeNode } from '../../cloudwatch/tree-model';

export type NodeOf<K extends TreeNode['kind']> = Extract<TreeNode, { kind: K }>;
