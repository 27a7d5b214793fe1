import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { parseFeed } from './update-feed/feed.js';
import { verifyRelease, SIGNATURE_FIELD } from '../src-main/core/update/release-signature.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sign-release.ts', ...args], { encoding: 'utf8' });

const feed = `version: 1.4.0
files:
  - url: Rollcall.AppImage
    sha512: rMs+Q0kdH3mPzQ8qvGkK1bYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Q==
    size: 4084298
    blockMapSize: 4661
path: Rollcall.AppImage
sha512: rMs+Q0kdH3mPzQ8qvGkK1bYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Ww9zvYb2Q==
releaseDate: '2026-12-01T10:00:00.000Z'
stagingPercentage: 20
`;

test('a key pair is made once, the private key readable by its owner only, and never overwritten', () => {
  const dir = tempDir();
  const made = run('--generate-key', dir);
  assert.equal(made.status, 0, made.stderr);
  assert.equal(statSync(join(dir, 'rollcall-release-key.pem')).mode & 0o777, 0o600);
  assert.match(made.stdout, /update\.publicKey/);
  assert.notEqual(run('--generate-key', dir).status, 0, 'an existing key is not replaced');
});

test('a signed latest.yml keeps every field and verifies with the public key; an edit after signing does not', () => {
  const dir = tempDir();
  assert.equal(run('--generate-key', dir).status, 0);
  const yml = join(dir, 'latest-linux.yml');
  writeFileSync(yml, feed);
  const signed = run('--key', join(dir, 'rollcall-release-key.pem'), yml);
  assert.equal(signed.status, 0, signed.stderr);
  const doc = parseFeed(readFileSync(yml, 'utf8'));
  assert.equal(doc.stagingPercentage, 20);
  assert.equal(doc.files[0]!.size, 4084298);
  assert.equal(typeof doc[SIGNATURE_FIELD], 'string');
  const publicKey = readFileSync(join(dir, 'rollcall-release-key.pub.pem'), 'utf8');
  assert.deepEqual(verifyRelease(doc, publicKey), { valid: true });
  assert.deepEqual(verifyRelease({ ...doc, files: [{ ...doc.files[0]!, size: 1 }] }, publicKey), { valid: false, reason: 'signature does not match the release' });

  assert.equal(run('--key', join(dir, 'rollcall-release-key.pem'), yml).status, 0, 'signing again replaces the signature');
  assert.deepEqual(verifyRelease(parseFeed(readFileSync(yml, 'utf8')), publicKey), { valid: true });
});

test('a file that is not an update feed is refused with a clear message', () => {
  const dir = tempDir();
  assert.equal(run('--generate-key', dir).status, 0);
  writeFileSync(join(dir, 'x.yml'), 'hello: world\n');
  const r = run('--key', join(dir, 'rollcall-release-key.pem'), join(dir, 'x.yml'));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /not an update feed: needs version and files\[\]/);
});
