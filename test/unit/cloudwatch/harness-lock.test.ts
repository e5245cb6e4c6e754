// The moto harness's install lock: one holder at a time across processes; a lock left by a dead
// process is broken instead of blocking every later run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock } from '../../harness/moto';

test('holders take turns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const lock = join(dir, 'x.lock');
  const order: string[] = [];
  const worker = async (name: string) => {
    const release = await acquireDirLock(lock);
    order.push(`${name}+`);
    await new Promise((r) => setTimeout(r, 50));
    order.push(`${name}-`);
    release();
  };
  await Promise.all([worker('a'), worker('b'), worker('c')]);
  for (let i = 0; i < order.length; i += 2) assert.equal(order[i].slice(0, -1), order[i + 1].slice(0, -1), order.join(' '));
  assert.equal(existsSync(lock), false);
  rmSync(dir, { recursive: true, force: true });
});

test('a lock held by a dead process is broken', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const lock = join(dir, 'x.lock');
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), dead.stdout);
  const release = await acquireDirLock(lock, 5000);
  release();
  rmSync(dir, { recursive: true, force: true });
});

test('a lock held by a live process times out with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const lock = join(dir, 'x.lock');
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(process.pid));
  await assert.rejects(acquireDirLock(lock, 500), /timed out waiting for lock/);
  rmSync(dir, { recursive: true, force: true });
});
