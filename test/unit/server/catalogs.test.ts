// The fluentd.catalogs setting: a catalogue is loaded when the setting names other files, not
// again for the same files, and each problem of a file is warned about when it is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogAccess } from '../../../src/server/catalog-access';
import { CatalogSetting } from '../../../src/server/catalogs';

test('reloads only when the named files or the deploy image change; warns about a bad file each time it is loaded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogs-'));
  try {
    const extra = { plugins: { 'output/in_house': { params: [{ name: 'endpoint', type: 'string', required: true }], sections: {} } } };
    writeFileSync(join(dir, 'extra.json'), JSON.stringify(extra));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const warnings: string[] = [];
    const setting = new CatalogSetting((m) => warnings.push(m));
    const first = setting.reload(['extra.json'], undefined, dir);
    assert.ok(first?.plugin('output', 'in_house'), 'the extra plugin is known');
    assert.equal(setting.reload(['extra.json'], undefined, dir), undefined, 'same files: nothing to reload');
    const second = setting.reload(['extra.json', 'bad.json'], undefined, dir);
    assert.ok(second?.plugin('output', 'in_house'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^fluentd\.catalogs: .*bad\.json: not valid JSON/);
    assert.equal(setting.reload(['extra.json', 'bad.json'], undefined, dir), undefined);
    assert.equal(warnings.length, 1, 'warned once');
    // another deploy image changes the checks the server runs: a new catalogue (and service)
    assert.ok(setting.reload(['extra.json', 'bad.json'], 'fluent/fluentd-kubernetes-daemonset:v1-debian-cloudwatch', dir));
    assert.equal(setting.reload(['extra.json', 'bad.json'], 'fluent/fluentd-kubernetes-daemonset:v1-debian-cloudwatch', dir), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Restricted Mode: a file outside the workspace folders (or a link to one) is refused by name, read once trusted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogs-'));
  try {
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    const plugin = (name: string) => ({ plugins: { [`output/${name}`]: { params: [], sections: {} } } });
    writeFileSync(join(ws, 'inside.json'), JSON.stringify(plugin('inside')));
    writeFileSync(join(dir, 'outside.json'), JSON.stringify(plugin('outside')));
    symlinkSync(join(dir, 'outside.json'), join(ws, 'link.json'));
    const warnings: string[] = [];
    const setting = new CatalogSetting((m) => warnings.push(m));
    setting.access = catalogAccess(false, [ws]);
    const restricted = setting.reload(['inside.json', join(dir, 'outside.json'), 'link.json'], undefined, ws);
    assert.ok(restricted?.plugin('output', 'inside'));
    assert.equal(restricted?.plugin('output', 'outside'), undefined);
    assert.equal(warnings.filter((w) => /not read: in Restricted Mode/.test(w)).length, 2, warnings.join('\n'));
    setting.trust();
    const trusted = setting.reload(['inside.json', join(dir, 'outside.json'), 'link.json'], undefined, ws);
    assert.ok(trusted?.plugin('output', 'outside'), 'trust reloads the same setting');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
