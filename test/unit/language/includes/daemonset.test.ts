// The official Kubernetes DaemonSet images' configs (shared corpus, every flavour):
// a root fluent.conf including systemd.conf, prometheus.conf, kubernetes.conf and
// kubernetes/*.conf (which include ../tail_container_parse.conf inside a <source>).
// Read as one tree they must give zero errors and no routing warning, and every
// event must reach the flavour's output.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../../src/language/service';
import { pathToUri } from '../../../../src/language/uri';
import { corpusRoot } from '../../../helpers/corpus';

const ROUTING = new Set(['unmatched-source', 'dead-filter', 'shadowed-match', 'unused-label']);
const base = join(corpusRoot, 'valid', 'fluent+fluentd-kubernetes-daemonset', 'docker-image', 'v1.19');
const flavours = readdirSync(base).sort();

function confFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...confFiles(join(dir, e.name)));
    else if (e.name.endsWith('.conf')) out.push(join(dir, e.name));
  }
  return out.sort();
}

const doc = (path: string) => TextDocument.create(pathToUri(path), 'fluentd', 1, readFileSync(path, 'utf8'));

test('the corpus has the six DaemonSet flavours', () => {
  assert.deepEqual(flavours, [
    'debian-cloudwatch',
    'debian-elasticsearch8',
    'debian-forward',
    'debian-kinesis',
    'debian-opensearch',
    'debian-s3',
  ]);
});

for (const flavour of flavours) {
  describe(flavour, () => {
    const conf = join(base, flavour, 'conf');
    const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });

    test('every file, checked in the tree of fluent.conf: no error, no routing warning', () => {
      const files = confFiles(conf);
      assert.equal(files.length, 19);
      for (const f of files) {
        const d = doc(f);
        const ctx = service.fluentConf.context(d)!;
        assert.equal(ctx.tree.root.path, join(conf, 'fluent.conf'), `${relative(conf, f)} is read from fluent.conf`);
        assert.equal(ctx.tree.files.length, 19);
        assert.equal(ctx.tree.complete, true);
        const found = service.diagnostics(d);
        const bad = found.filter((x) => x.severity === 'error' || ROUTING.has(x.code));
        assert.deepEqual(bad, [], relative(conf, f));
      }
    });

    test('the only @include finding is conf.d/*.conf, which matches no file here', () => {
      const found = service.diagnostics(doc(join(conf, 'fluent.conf'))).filter((x) => x.code.startsWith('include'));
      assert.deepEqual(
        found.map((x) => `${x.code}@${x.range.start.line + 1}`),
        ['include-matches-nothing@8'],
      );
    });

    test('every source with events reaches the root <match **>; container logs pass kubernetes_metadata first', () => {
      const routes = [...confFiles(conf)].flatMap((f) => service.eventRoutes(doc(f)));
      // 3 systemd + 2 prometheus + 14 kubernetes/*.conf sources
      assert.equal(routes.length, 19);
      const output = /@type (\S+)/.exec(readFileSync(join(conf, 'fluent.conf'), 'utf8').split('<match **>')[1])![1];
      for (const r of routes) {
        if (/prometheus/.test(r.source.title)) {
          assert.deepEqual(r.steps, [], 'metrics inputs emit no events');
          continue;
        }
        const last = r.steps[r.steps.length - 1];
        assert.equal(last.kind, 'match', r.source.title);
        assert.equal(last.type, output);
        assert.equal(last.partial, false);
      }
      const containers = routes.find((r) => r.source.tags.startsWith('kubernetes.var.log.containers.'))!;
      assert.deepEqual(
        containers.steps.map((s) => `${s.kind}:${s.type}`),
        ['filter:kubernetes_metadata', `match:${output}`],
      );
    });
  });
}
