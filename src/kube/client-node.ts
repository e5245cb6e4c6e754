// @kubernetes/client-node 1.x is an ES module; this project compiles to CommonJS. Types come in
// through a type-only import (erased), the code through a dynamic import() that Node and esbuild
// both resolve — so nothing else has to care.
import type * as ClientNode from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

export type { ClientNode };
export type KubeConfig = ClientNode.KubeConfig;

let loaded: Promise<typeof ClientNode> | undefined;

export function clientNode(): Promise<typeof ClientNode> {
  loaded ??= import('@kubernetes/client-node');
  return loaded;
}
