// Kubeconfig discovery and loading: KUBECONFIG lists, ~/.kube/config, merging like kubectl,
// context selection in memory, and clear errors instead of client-node's localhost fallback.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { KubeError } from '../../../src/kube/errors';
import { kubeconfigPaths, loadKubeconfig } from '../../../src/kube/kubeconfig';

let dir: string;
const config = (name: string, server: string, current?: string, extraContexts: string[] = []) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    users: [{ name: `${name}-user`, user: { token: 'x' } }],
    contexts: [name, ...extraContexts].map((c) => ({ name: c, context: { cluster: name, user: `${name}-user`, namespace: `${c}-ns` } })),
    ...(current ? { 'current-context': current } : {}),
  });

describe('kube kubeconfig', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
    mkdirSync(join(dir, 'home', '.kube'), { recursive: true });
    writeFileSync(join(dir, 'home', '.kube', 'config'), config('home', 'https://home.example:6443', 'home'));
    writeFileSync(join(dir, 'a.yaml'), config('a', 'https://a.example', undefined, ['a2']));
    writeFileSync(join(dir, 'b.yaml'), config('b', 'https://b.example', 'b'));
    writeFileSync(join(dir, 'dup.yaml'), config('a', 'https://other.example', 'a'));
    writeFileSync(join(dir, 'broken.yaml'), 'clusters: [\n');
    writeFileSync(join(dir, 'empty.yaml'), 'apiVersion: v1\nkind: Config\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads ~/.kube/config when KUBECONFIG is unset', async () => {
    const k = await loadKubeconfig({ env: {}, homeDir: join(dir, 'home') });
    assert.deepEqual(k.current, {
      context: 'home',
      cluster: 'home',
      server: 'https://home.example:6443',
      user: 'home-user',
      namespace: 'home-ns',
    });
    assert.deepEqual(k.files, [join(dir, 'home', '.kube', 'config')]);
  });

  it('merges a KUBECONFIG list like kubectl: first definition and first current-context win', async () => {
    const env = {
      KUBECONFIG: [join(dir, 'missing.yaml'), join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'dup.yaml')].join(delimiter),
    };
    assert.deepEqual(kubeconfigPaths({ env }).existing, [join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'dup.yaml')]);
    const k = await loadKubeconfig({ env, homeDir: join(dir, 'home') });
    assert.deepEqual(k.contexts, ['a', 'a2', 'b']);
    assert.equal(k.current.context, 'b', 'a.yaml sets no current-context, b.yaml does');
    assert.equal(k.kc.getCluster('a')?.server, 'https://a.example', 'the first file defining cluster a wins');
  });

  it('switches context in memory only', async () => {
    const env = { KUBECONFIG: join(dir, 'a.yaml') };
    const before = readFileSync(join(dir, 'a.yaml'), 'utf8');
    const k = await loadKubeconfig({ env, context: 'a2' });
    assert.equal(k.current.context, 'a2');
    assert.equal(k.current.namespace, 'a2-ns');
    assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), before);
    await assert.rejects(loadKubeconfig({ env, context: 'nope' }), /no context named "nope" \(it has: a, a2\)/);
  });

  it('says there is no kubeconfig instead of falling back to localhost', async () => {
    await assert.rejects(
      loadKubeconfig({ env: { KUBECONFIG: join(dir, 'nothing-here') }, homeDir: dir }),
      (e: unknown) =>
        e instanceof KubeError && e.kind === 'no-kubeconfig' && e.message.includes('nothing-here') && /update-kubeconfig/.test(e.message),
    );
    await assert.rejects(
      loadKubeconfig({ env: {}, homeDir: join(dir, 'nobody') }),
      (e: unknown) => e instanceof KubeError && e.kind === 'no-kubeconfig',
    );
  });

  it('reports unreadable and empty kubeconfigs', async () => {
    await assert.rejects(
      loadKubeconfig({ env: { KUBECONFIG: join(dir, 'broken.yaml') } }),
      (e: unknown) => e instanceof KubeError && e.kind === 'kubeconfig-invalid' && e.message.includes('broken.yaml'),
    );
    await assert.rejects(loadKubeconfig({ env: { KUBECONFIG: join(dir, 'empty.yaml') } }), /defines no contexts/);
    await assert.rejects(loadKubeconfig({ env: { KUBECONFIG: join(dir, 'a.yaml') } }), /sets no current context; choose one of: a, a2/);
  });
});
