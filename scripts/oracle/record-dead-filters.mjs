// Records what real Fluentd 1.16.5 does with the dead-filter fixtures
// (test/fixtures/dead-filter/*.conf): each case sends the events a config's sources
// produce through it with the oracle's route.sh, and the outputs show which filters
// ran (each filter adds its own `seen_by_*` key). Writes cases.jsonl and expected.jsonl
// beside the configs; the unit test compares the analysis with them.
//
//   node scripts/oracle/record-dead-filters.mjs   (needs the oracle: ../shared/oracle/README.md)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'test', 'fixtures', 'dead-filter');
const oracle = resolve(root, '..', 'shared', 'oracle', 'route.sh');
const line = (log) => JSON.stringify({ log, stream: 'stdout', time: '2024-03-05T10:11:12.0Z' });

// `config` is relative to the fixture folder; the oracle gets the absolute path
const cases = [
  {
    id: 'tail-star',
    config: 'tail-star.conf',
    tail: { path: '/var/log/containers/web-7d9f_default_nginx-0123abcd.log', lines: [line('GET / 200'), line('GET /healthz 200')] },
  },
  {
    id: 'labels',
    config: 'labels.conf',
    events: [
      { tag: 'app.web', time: 1709633472, record: { message: 'to @APP' }, label: '@APP' },
      { tag: 'node.kubelet', time: 1709633472, record: { message: 'relabelled to @NODE' } },
    ],
  },
  {
    id: 'syslog',
    config: 'syslog.conf',
    events: [
      { tag: 'system.daemon.info', time: 1709633472, record: { message: 'started' } },
      { tag: 'system.auth.warn', time: 1709633472, record: { message: 'failed login' } },
    ],
  },
];

const input = cases.map((c) => JSON.stringify({ ...c, config: join(dir, c.config) })).join('\n') + '\n';
const output = execFileSync('bash', [oracle], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
writeFileSync(join(dir, 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
writeFileSync(join(dir, 'expected.jsonl'), output.trim() + '\n');
console.log(output);
