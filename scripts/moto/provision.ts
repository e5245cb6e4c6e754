// Installs the moto server (the CloudWatch Logs emulator) into its cache, so the tests that
// start it never pay for a cold pip install. Idempotent; prints where it is.
import { ensureMoto } from '../../test/harness/moto';

ensureMoto().then(
  (r) => console.log(`moto ready: ${r.motoServer}${r.installed ? ` (installed in ${Math.round(r.elapsedMs / 1000)} s)` : ''}`),
  (err: unknown) => {
    console.error(`moto provisioning failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
