// Each bundled config passes fluentd-lint's checks with 0 errors and real Fluentd agrees: the
// verdicts of Fluentd 1.16.5 (the shared oracle) recorded by scripts/record-deploy-verdicts.mjs,
// each for the config's exact text (its sha256), so a changed config must be re-recorded. The
// forward pair's recording also ran both sides for real: events pass with the same shared key
// over TLS (with a key pair from the project's generator) and none with different keys.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { deployedFileSystem } from '../../../src/kube/language-validate';
import { BUNDLED_CONFIGS, loadTemplates } from '../../../src/kube/templates';
import { FluentdLanguageService } from '../../../src/language/service';

interface Fixture {
  verdicts: { file: string; sha256: string; tls: 'generated' | 'none'; verdict: string }[];
  forwardPair: {
    sameSharedKey: { eventsReceived: number };
    differentSharedKeys: { eventsReceived: number; aggregatorSaid: string };
    configs: { file: string; sha256: string }[];
  };
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'deploy', 'bundled-config-verdicts.json'), 'utf8'),
) as Fixture;
const templates = loadTemplates();
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const RERECORD = 'changed since it was recorded: run node scripts/record-deploy-verdicts.mjs';

describe('bundled deploy configs', () => {
  for (const file of BUNDLED_CONFIGS) {
    it(`${file}: 0 errors from the checks fluentd-lint runs, and Fluentd's own dry run says ok`, () => {
      const text = templates.files[file];
      const { fs, pathOf } = deployedFileSystem([{ path: 'fluent.conf', text }]);
      const service = new FluentdLanguageService({ fileSystem: fs });
      const [abs] = [...pathOf.keys()];
      const found = service.diagnostics(TextDocument.create(`file://${abs}`, 'fluentd', 1, text));
      assert.deepEqual(
        found.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
      );
      const recorded = fixture.verdicts.find((v) => v.file === file);
      assert.ok(recorded, `${file} has no recorded verdict`);
      assert.equal(recorded.sha256, sha(text), `${file} ${RERECORD}`);
      assert.equal(recorded.verdict, 'ok');
      assert.equal(recorded.tls, text.includes('/fluentd/tls/') ? 'generated' : 'none');
    });
  }

  it('the forward pair ran for real: events with the same shared key, none with different keys', () => {
    for (const c of fixture.forwardPair.configs) assert.equal(c.sha256, sha(templates.files[c.file]), `${c.file} ${RERECORD}`);
    assert.ok(fixture.forwardPair.sameSharedKey.eventsReceived > 0);
    assert.equal(fixture.forwardPair.differentSharedKeys.eventsReceived, 0);
    assert.equal(fixture.forwardPair.differentSharedKeys.aggregatorSaid, 'Shared key mismatch');
  });
});
