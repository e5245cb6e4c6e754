// The integration tier: builds the extension and the suites, installs the VS Code server
// if needed, runs the suites inside it (test/harness/vscode.ts) and prints
// `integration: N passed, N failed`. Exits non-zero on any failure or when no verdict
// could be had. Logs and screenshots land in test-results/vscode-<version>/.
//   node scripts/vscode/run-integration.mjs [--vscode newest|oldest|VERSION] [--grep PATTERN] [--timeout SECONDS] [--skip-build]
// --vscode picks the VS Code version (scripts/toolchain/versions.json; default newest); npm test
// runs both. --skip-build uses the dist/ already there (e.g. while iterating on the suites).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { require as tsRequire } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';
import { ROOT, TESTS_OUT, buildIntegrationTests } from './build-tests.mjs';
import { provisionVsCode, resultsDir, vscodeTarget } from './targets.mjs';

const { values: args } = parseArgs({
  options: {
    vscode: { type: 'string', default: 'newest' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const timeoutS = Number(args.timeout);
if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
  console.error(`--timeout must be a positive number of seconds, got ${args.timeout}`);
  process.exit(2);
}

const target = vscodeTarget(args.vscode);
const outputDir = resultsDir(ROOT, target);
const t0 = Date.now();
/** The cluster name of the seeded log groups (/eks/<cluster>/…); the fixture workspace filters on it. */
const MOTO_CLUSTER = 'integration';
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
let partsStarting = Promise.resolve([]);
async function fail(message) {
  await stopParts(await partsStarting);
  console.error(`\nintegration (VS Code ${target.vscode}): ${message}`);
  console.log('integration: 0 passed, 1 failed');
  process.exit(1);
}

rmSync(join(outputDir, 'activation.json'), { force: true }); // written by the activation suite

// The real parts the suites talk to, started once for the whole run (they boot while the
// suites build). A part that cannot start fails only the suites that need it: they read the
// reason from the environment.
const env = args.grep ? { VSCODE_FLUENTD_TEST_GREP: args.grep } : {};
const machineSettings = {};
partsStarting = startParts(env, machineSettings);

if (!args['skip-build']) {
  console.log('\n$ node scripts/build.mjs');
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    await fail('the extension did not build');
  }
}
const testsIndex = await buildIntegrationTests();
console.log(`integration: built suites into ${TESTS_OUT} (${secs()})`);

let vscode;
try {
  vscode = provisionVsCode(target);
} catch (e) {
  await fail(e instanceof Error ? e.message : String(e));
}
console.log(`integration: VS Code ${vscode.vscode} server ready on Node ${vscode.node} (${secs()})`);

// A copy, so tests may edit and save fixture files without touching the repository.
const workspace = mkdtempSync(join(tmpdir(), 'vscode-fluentd-workspace-'));
cpSync(join(ROOT, 'test/integration/workspace'), workspace, { recursive: true });

const parts = await partsStarting;

const harness = await tsImport('../../test/harness/vscode.ts', import.meta.url);
let results;
try {
  results = await harness.runIntegrationTests({
    codeServerDir: vscode.codeServerDir,
    nodePath: vscode.nodePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testsIndex,
    workspace,
    outputDir,
    timeoutMs: timeoutS * 1000,
    env,
    machineSettings,
  });
} catch (e) {
  rmSync(workspace, { recursive: true, force: true });
  await fail(e instanceof Error ? e.message : String(e));
}
await stopParts(parts);
rmSync(workspace, { recursive: true, force: true });

harness.printResults(results);
console.log(`\nintegration: VS Code ${target.vscode} finished in ${secs()}; logs and screenshots in ${outputDir}`);
const activationFile = join(outputDir, 'activation.json');
if (existsSync(activationFile)) {
  const a = JSON.parse(readFileSync(activationFile, 'utf8'));
  console.log(`integration: activation ${a.ms} ms (${a.what})`);
}
const ok = results.failed === 0 && results.passed > 0;
if (results.passed === 0 && results.failed === 0) console.error('integration: no test ran');
// the closing line in the plain form CI reads ('word: N passed, N failed'); the version is said above
console.log(`integration: ${results.passed} passed, ${results.failed} failed${results.pending ? `, ${results.pending} skipped` : ''}`);
process.exit(ok ? 0 : 1);

/**
 * Starts moto (seeded with EKS-shaped log groups) and the local cluster side by side;
 * fills `env` and `machineSettings` with what the suites and the extension need.
 */
async function startParts(env, machineSettings) {
  const parts = [];
  await Promise.all([startMoto(env, machineSettings, parts), startKube(env, parts)]);
  return parts;
}

async function startMoto(env, machineSettings, parts) {
  const motoHarness = tsRequire('../../test/harness/moto.ts', import.meta.url);
  try {
    const fixture = motoHarness.eksFixture(MOTO_CLUSTER, 3);
    const moto = await motoHarness.startMoto({ preload: fixture.groups });
    parts.push(moto);
    // the extension's SDK client: moto's endpoint and throwaway credentials, nothing real
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: moto.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: moto.credentials.secretAccessKey,
      AWS_REGION: moto.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      VSCODE_FLUENTD_TEST_MOTO: JSON.stringify({
        endpoint: moto.endpoint,
        region: moto.region,
        credentials: moto.credentials,
        containersGroup: fixture.containersGroup,
        systemdGroup: fixture.systemdGroup,
        containerStreams: fixture.containerStreams,
        systemdStreams: fixture.systemdStreams,
        otherStreams: fixture.otherStreams,
      }),
    });
    Object.assign(machineSettings, { 'fluentd.aws.endpoint': moto.endpoint, 'fluentd.aws.region': moto.region });
    console.log(`integration: moto at ${moto.endpoint}, seeded ${fixture.groups.map((g) => g.name).join(', ')} (${secs()})`);
  } catch (e) {
    env.VSCODE_FLUENTD_TEST_MOTO_ERROR = e instanceof Error ? e.message.split('\n')[0] : String(e);
    console.error(`integration: no moto, the CloudWatch suite will fail: ${env.VSCODE_FLUENTD_TEST_MOTO_ERROR}`);
  }
}

async function startKube(env, parts) {
  // loaded as CommonJS: the harness finds its provisioning script from __dirname
  const clusterHarness = tsRequire('../../test/harness/cluster.ts', import.meta.url);
  const feederHarness = tsRequire('../../test/harness/fluentd-pod-logs.ts', import.meta.url);
  try {
    // a real control plane with 2 kwok nodes: deploys roll out for real
    const cluster = await clusterHarness.startCluster({ nodes: ['node-a', 'node-b'], logsFromApi: true });
    parts.push(cluster);
    const kube = cluster.kube;
    // the Fluentd pods' container logs: what Fluentd says about the fixture config (a line its
    // parser rejects, AccessDenied retries on node-b), served through the API server's log proxy
    const podLogs = mkdtempSync(join(tmpdir(), 'vscode-fluentd-pod-logs-'));
    const feeder = feederHarness.feedFluentdPods(kube, {
      dir: podLogs,
      namespace: 'kube-system',
      labelSelector: 'app.kubernetes.io/name=fluentd',
      script: feederHarness.eksDemoScript({ deniedNode: 'node-b', logGroup: '/eks/integration/containers' }),
      intervalMs: 500,
    });
    parts.push({ stop: async () => (feeder.stop(), rmSync(podLogs, { recursive: true, force: true })) });
    // the extension's kube commands read the kubeconfig from here (contexts admin and restricted)
    env.KUBECONFIG = kube.kubeconfig;
    env.VSCODE_FLUENTD_TEST_KUBE = JSON.stringify({
      server: kube.server,
      caFile: kube.caFile,
      adminToken: kube.adminToken,
      kubeconfig: kube.kubeconfig,
    });
    console.log(`integration: kube-apiserver ${kube.version} at ${kube.server}, 2 kwok nodes (${secs()})`);
  } catch (e) {
    env.VSCODE_FLUENTD_TEST_KUBE_ERROR = e instanceof Error ? e.message.split('\n')[0] : String(e);
    console.error(`integration: no local cluster, the deploy and pod-log suites will fail: ${env.VSCODE_FLUENTD_TEST_KUBE_ERROR}`);
  }
}

async function stopParts(parts) {
  await Promise.all(parts.map((p) => p.stop().catch((e) => console.error(`integration: stopping a part: ${e}`))));
}
