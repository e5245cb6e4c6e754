// @kubernetes/client-node 2.x is an ES module (needing Node 22.19, for undici 8); this project
// compiles to CommonJS. Types come in through type-only imports (erased), the code through dynamic
// import(), which Node and esbuild both resolve. Only the two modules used are imported: the
// package root re-exports every generated API and model (16 MB bundled, against under 2 MB for these).
import type { KubeConfig as KubeConfigClass } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import type { ApiException as ApiExceptionClass } from '@kubernetes/client-node/dist/gen/apis/exception.js' with {
  'resolution-mode': 'import',
};

export type KubeConfig = KubeConfigClass;

export interface ClientNode {
  KubeConfig: typeof KubeConfigClass;
  ApiException: typeof ApiExceptionClass;
}

let loaded: Promise<ClientNode> | undefined;

export function clientNode(): Promise<ClientNode> {
  loaded ??= Promise.all([
    import('@kubernetes/client-node/dist/config.js'),
    import('@kubernetes/client-node/dist/gen/apis/exception.js'),
  ]).then(([config, exception]) => ({ KubeConfig: config.KubeConfig, ApiException: exception.ApiException }));
  return loaded;
}
