import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingTarget, validateAwsSettings, validateCloudWatchSettings } from '../../../src/cloudwatch/settings';

test('valid settings pass through trimmed; empty strings mean "not set"', () => {
  assert.deepEqual(validateAwsSettings({ region: ' eu-west-1 ', profile: 'dev', endpoint: 'http://127.0.0.1:5000/' }), {
    value: { region: 'eu-west-1', profile: 'dev', endpoint: 'http://127.0.0.1:5000' },
    problems: [],
  });
  assert.deepEqual(validateAwsSettings({ region: '', profile: '  ' }), { value: {}, problems: [] });
});

test('bad values are ignored with a message naming the setting', () => {
  const r = validateAwsSettings({ region: 'Ireland', profile: 42, endpoint: 'ftp://x' });
  assert.deepEqual(r.value, {});
  assert.equal(r.problems.length, 3);
  assert.match(r.problems.join('\n'), /fluentd\.aws\.region "Ireland"/);
  assert.match(r.problems.join('\n'), /fluentd\.aws\.profile must be a string/);
  assert.match(r.problems.join('\n'), /fluentd\.aws\.endpoint "ftp:\/\/x"/);
});

test('CloudWatch settings: defaults, clamping, enum check', () => {
  assert.deepEqual(validateCloudWatchSettings({}).value, {
    logGroupPrefix: '',
    tailMode: 'auto',
    pollIntervalMs: 1000,
    jsonMessages: 'raw',
  });
  const r = validateCloudWatchSettings({ logGroupPrefix: '/eks/demo/', tailMode: 'fast', pollIntervalMs: 5, jsonMessages: 'pretty' });
  assert.deepEqual(r.value, { logGroupPrefix: '/eks/demo/', tailMode: 'auto', pollIntervalMs: 200, jsonMessages: 'raw' });
  assert.equal(r.problems.length, 3);
  assert.match(r.problems.join('\n'), /fluentd\.cloudwatch\.jsonMessages must be "raw" or "readable"/);
  assert.equal(validateCloudWatchSettings({ jsonMessages: 'readable' }).value.jsonMessages, 'readable');
  assert.equal(validateCloudWatchSettings({ pollIntervalMs: 'x' }).value.pollIntervalMs, 1000);
  assert.equal(validateCloudWatchSettings({ tailMode: 'poll' }).value.tailMode, 'poll');
});

test('a picked region/profile goes to the user settings unless the workspace sets it and would win', () => {
  // Before: always the workspace's .vscode/settings.json, where in Restricted Mode the profile is ignored.
  assert.equal(settingTarget(undefined, { trusted: true, restricted: true }), 'user');
  assert.equal(settingTarget(undefined, { trusted: false, restricted: false }), 'user');
  assert.equal(settingTarget('dev', { trusted: true, restricted: true }), 'workspace', 'the workspace value would override the user one');
  assert.equal(settingTarget('eu-west-1', { trusted: false, restricted: false }), 'workspace', 'the region is not restricted');
  assert.equal(settingTarget('dev', { trusted: false, restricted: true }), 'user', 'Restricted Mode ignores the workspace profile');
});
