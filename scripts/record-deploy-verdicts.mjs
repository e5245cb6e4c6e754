// Records what real Fluentd (the oracle of ../shared/oracle, set up in $TMPDIR/oracle) says about
// the bundled deploy configs, as a fixture the unit tests read (CI has no Fluentd):
//   1. `verdict.sh` (fluentd --dry-run) on each bundled fluent.conf. The forward pair's configs
//      name the TLS files the deploy mounts under /fluentd/tls; Fluentd loads them while
//      configuring, so the recorder points those paths at a key pair made by the project's own
//      generator (src/kube/self-signed-cert.ts) — recorded as `tls: "generated"`.
//   2. The forward pair end to end: the aggregator's real <source> (TLS, shared key) with a file
//      output instead of Kinesis, the agents' real forward <match> with a sample source instead of
//      in_tail; with the same shared key events arrive, with different keys none do.
// The fixture holds each config's sha256, so a changed config fails its test until re-recorded.
//
//   node scripts/record-deploy-verdicts.mjs
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = [join(root, '..', 'shared'), join(root, '..', '..', 'shared')].find((d) => existsSync(join(d, 'oracle', 'verdict.sh')));
const oracleDir = process.env.ORACLE_DIR ?? join(process.env.TMPDIR ?? tmpdir(), 'oracle');
if (!shared || !existsSync(join(oracleDir, 'fluentd'))) {
  console.error(`record-deploy-verdicts: needs ../shared/oracle and the oracle set up in ${oracleDir} (see its README)`);
  process.exit(1);
}
const manifests = join(root, 'media', 'manifests');
const output = join(root, 'test', 'fixtures', 'deploy', 'bundled-config-verdicts.json');
const { BUNDLED_CONFIGS } = await tsImport('../src/kube/templates.ts', import.meta.url);
const { selfSignedCert } = await tsImport('../src/kube/self-signed-cert.ts', import.meta.url);

const work = mkdtempSync(join(tmpdir(), 'deploy-verdicts-'));
const tls = join(work, 'tls');
mkdirSync(tls);
const pair = selfSignedCert({ commonName: 'fluentd-aggregator', dnsNames: ['fluentd-aggregator.logging.svc', 'localhost'] });
writeFileSync(join(tls, 'tls.crt'), pair.cert);
writeFileSync(join(tls, 'ca.crt'), pair.cert);
writeFileSync(join(tls, 'tls.key'), pair.key);
const sha = (t) => createHash('sha256').update(t).digest('hex');

const verdicts = [];
for (const file of BUNDLED_CONFIGS) {
  const text = readFileSync(join(manifests, file), 'utf8');
  const usesTls = text.includes('/fluentd/tls/');
  const local = join(work, file.replace(/\//g, '_'));
  writeFileSync(local, text.split('/fluentd/tls/').join(`${tls}/`));
  const r = spawnSync('bash', [join(shared, 'oracle', 'verdict.sh'), local], { encoding: 'utf8' });
  const verdict = r.stdout.trim();
  verdicts.push({ file, sha256: sha(text), tls: usesTls ? 'generated' : 'none', verdict });
  console.log(`${file}: ${verdict}`);
}

/** Runs the pair for `seconds`; returns how many events reached the aggregator's file output and its log. */
async function runPair(aggregatorKey, agentKey, seconds) {
  const dir = mkdtempSync(join(work, 'pair-'));
  const port = await new Promise((r) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => r(p));
    });
  });
  const agg = readFileSync(join(manifests, 'forward-aggregator/aggregator-kinesis-streams.conf'), 'utf8');
  const source = agg.slice(agg.indexOf('<source>'), agg.indexOf('</source>') + '</source>'.length);
  writeFileSync(
    join(dir, 'aggregator.conf'),
    `${source.split('/fluentd/tls/').join(`${tls}/`).replace('port 24224', `port ${port}`)}\n<match kubernetes.**>\n  @type file\n  path ${dir}/out\n  <buffer>\n    flush_mode immediate\n  </buffer>\n</match>\n`,
  );
  const fw = readFileSync(join(manifests, 'forward-aggregator/forwarder.conf'), 'utf8');
  const match = fw.slice(
    fw.indexOf('<match kubernetes.**>'),
    fw.indexOf('</match>', fw.indexOf('<match kubernetes.**>')) + '</match>'.length,
  );
  writeFileSync(
    join(dir, 'agent.conf'),
    `<source>\n  @type sample\n  tag kubernetes.sample\n  rate 5\n  sample {"message":"over tls"}\n</source>\n` +
      match
        .split('/fluentd/tls/')
        .join(`${tls}/`)
        .replace('port 24224', `port ${port}`)
        .replace('/var/log/fluentd-buffers/forward.buffer', `${dir}/agent-buffer`)
        .replace('flush_interval 5s', 'flush_interval 1s') +
      '\n',
  );
  const fluentd = (conf, env, log) =>
    spawn(
      'ruby',
      [
        `-I${oracleDir}/serverengine/lib`,
        `-I${oracleDir}/fluentd/lib`,
        `-r${oracleDir}/stubs.rb`,
        `${oracleDir}/fluentd/bin/fluentd`,
        '-c',
        conf,
        '--no-supervisor',
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', log, log] },
    );
  const aggLog = openSync(join(dir, 'aggregator.log'), 'a');
  const a = fluentd(join(dir, 'aggregator.conf'), { FLUENTD_SHARED_KEY: aggregatorKey, POD_NAME: 'aggregator-0' }, aggLog);
  await new Promise((r) => setTimeout(r, 10_000));
  const b = fluentd(
    join(dir, 'agent.conf'),
    { FLUENTD_SHARED_KEY: agentKey, K8S_NODE_NAME: 'node-1', FLUENTD_AGGREGATOR_HOST: 'localhost' },
    openSync(join(dir, 'agent.log'), 'a'),
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  // SIGKILL: an agent with retry_forever keeps retrying its buffer on SIGTERM and never exits
  for (const p of [b, a]) {
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  const events = readdirSync(dir)
    .filter((f) => f.startsWith('out.') && f.endsWith('.log'))
    .map((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length)
    .reduce((x, y) => x + y, 0);
  return { events, log: readFileSync(join(dir, 'aggregator.log'), 'utf8') };
}

const same = await runPair('k3y-for-both', 'k3y-for-both', 20);
const different = await runPair('aggregator-key', 'other-key', 20);
const fixture = {
  recordedWith: 'Fluentd 1.16.5 (the shared oracle); TLS key pair from src/kube/self-signed-cert.ts',
  verdicts,
  forwardPair: {
    sameSharedKey: { eventsReceived: same.events },
    differentSharedKeys: {
      eventsReceived: different.events,
      aggregatorSaid: /shared key mismatch/i.test(different.log)
        ? 'Shared key mismatch'
        : (different.log.match(/\[(warn|error)\]: .*/)?.[0] ?? ''),
    },
    configs: ['forward-aggregator/aggregator-kinesis-streams.conf', 'forward-aggregator/forwarder.conf'].map((f) => ({
      file: f,
      sha256: sha(readFileSync(join(manifests, f), 'utf8')),
    })),
  },
};
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(fixture, null, 2) + '\n');
console.log(`forward pair: same key ${same.events} events, different keys ${different.events} events`);
console.log(`record-deploy-verdicts: wrote ${output}`);
rmSync(work, { recursive: true, force: true });
