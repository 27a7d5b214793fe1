import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { containsVector, enrolledSchool, MODEL, STUDENTS } from '../../test-support/enrolled-school.js';
import { createTemplateCipher, TemplateKeyError } from '../recognition/template-cipher.js';
import { loadGallery, sealStoredTemplates } from '../recognition/templates.js';
import { vectorToBlob } from '../recognition/vectors.js';
import { keyFileProvider, keyFromEnvironment, serveKeyProvider, defaultKeyFile } from './template-key.js';

const NOW = new Date('2026-12-07T07:52:00Z');

function filesOf(dbFile: string): Buffer {
  return Buffer.concat([dbFile, `${dbFile}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

/** What a thief gets from a copied database: every stored template blob, read with plain SQLite. */
function stolenTemplates(file: string): Array<{ student_id: number; model_id: string; vector: Buffer }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT student_id, model_id, vector FROM face_templates').all() as Array<{ student_id: number; model_id: string; vector: Buffer }>;
  } finally {
    db.close();
  }
}

test('a stolen copy of the database and of its backup holds no usable face data without the key', async () => {
  const dir = tempDir();
  const key = randomBytes(32);
  const school = enrolledSchool(dir, { key, now: NOW });
  const backupFile = join(dir, 'backup.db');
  await school.db.backup(backupFile);
  school.db.close();
  const stolen = join(dir, 'stolen.db');
  copyFileSync(school.file, stolen);

  const all = [...school.vectors.values()].flat();
  for (const file of [stolen, backupFile]) {
    for (const v of all) assert.equal(containsVector(filesOf(file), v), false, `${file} must not hold a plain float vector`);
    const rows = stolenTemplates(file);
    assert.equal(rows.length, STUDENTS.length * 2);
    for (const r of rows) {
      // Format byte, nonce and tag, then ciphertext: not a 128-float vector at any offset (checked above).
      assert.equal(r.vector.length, 1 + 12 + 16 + 128 * 4);
      assert.throws(() => createTemplateCipher(randomBytes(32)).open(r.vector, r.student_id, r.model_id), TemplateKeyError);
    }
  }
  // With the key (kept elsewhere), the same backup restores every template exactly.
  const backup = new Database(backupFile);
  const gallery = loadGallery(backup, createTemplateCipher(key), MODEL, { signedFormRequired: true });
  backup.close();
  assert.equal(gallery.length, STUDENTS.length);
  assert.deepEqual([...gallery[0]!.templates[0]!], [...school.vectors.get('1001')![0]!]);
});

test('a template moved to another student no longer opens, and the gallery skips it instead of failing', () => {
  const dir = tempDir();
  const school = enrolledSchool(dir, { key: randomBytes(32), now: NOW });
  const row = school.db.prepare('SELECT id, vector FROM face_templates WHERE student_id = ? LIMIT 1').get(school.id('1001')) as { id: number; vector: Buffer };
  assert.throws(() => school.cipher.open(row.vector, school.id('1002'), MODEL), TemplateKeyError);
  assert.throws(() => school.cipher.open(row.vector, school.id('1001'), 'another-model'), TemplateKeyError);
  school.db.prepare('UPDATE face_templates SET student_id = ? WHERE id = ?').run(school.id('1002'), row.id);
  const unreadable: number[] = [];
  const gallery = loadGallery(school.db, school.cipher, MODEL, { signedFormRequired: true, onUnreadable: (id) => unreadable.push(id) });
  assert.deepEqual(unreadable, [school.id('1002')]);
  assert.deepEqual(gallery.map((e) => e.templates.length), [1, 2, 2]);
  school.db.close();
});

test('plaintext templates from an older version are sealed at the first start, leaving no plain vector on disk', () => {
  const dir = tempDir();
  const key = randomBytes(32);
  const school = enrolledSchool(dir, { key, now: NOW });
  const { db, id } = school;
  const old = school.vectors.get('1001')![0]!.map((x) => -x);
  db.prepare(
    `INSERT INTO face_templates (student_id, model_id, vector, quality, source, source_hash, created_at) VALUES (?, ?, ?, 0.8, 'photo', 'legacy-sha', ?)`,
  ).run(id('1001'), MODEL, vectorToBlob(old), NOW.toISOString());
  db.pragma('wal_checkpoint(TRUNCATE)');
  assert.equal(containsVector(filesOf(school.file), old), true, 'the legacy row starts as plaintext');

  assert.deepEqual(sealStoredTemplates(db, school.cipher), { sealed: 1 });
  assert.deepEqual(sealStoredTemplates(db, school.cipher), { sealed: 0 });
  assert.equal(containsVector(filesOf(school.file), old), false);
  const ana = loadGallery(db, school.cipher, MODEL, { signedFormRequired: true }).find((e) => e.studentId === id('1001'))!;
  assert.equal(ana.templates.length, 3);
  assert.ok(ana.templates.some((t) => Math.abs(t[0]! - old[0]!) < 1e-7));
  db.close();
});

test('the kiosk refuses to start with a key that does not open its templates', () => {
  const dir = tempDir();
  const school = enrolledSchool(dir, { key: randomBytes(32), now: NOW });
  assert.throws(() => sealStoredTemplates(school.db, createTemplateCipher(randomBytes(32))), /template key does not open the face templates/);
  school.db.close();
});

test('the key file is created owner-only outside the data folder and reused on the next start', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const file = join(dir, 'keys', 'template.key');
  const first = keyFileProvider(file, { dataDir }).load();
  assert.equal(first.length, 32);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(keyFileProvider(file, { dataDir }).load(), first);
});

test('a key file readable by group or others is refused, with the fix in the message', () => {
  const dir = tempDir();
  const file = join(dir, 'template.key');
  keyFileProvider(file, { dataDir: join(dir, 'data') }).load();
  chmodSync(file, 0o640);
  assert.throws(() => keyFileProvider(file, { dataDir: join(dir, 'data') }).load(), /can be read by group or others \(mode 0640\); run: chmod 600/);
});

test('a key file inside the data folder is refused: it would travel with every copy', () => {
  const dir = tempDir();
  assert.throws(() => keyFileProvider(join(dir, 'data', 'template.key'), { dataDir: join(dir, 'data') }).load(), /must not be inside the data folder/);
  assert.equal(existsSync(join(dir, 'data', 'template.key')), false);
});

test('the environment key must be 32 bytes of base64', () => {
  const good = randomBytes(32).toString('base64');
  assert.equal(keyFromEnvironment(good).load().toString('base64'), good);
  assert.throws(() => keyFromEnvironment(randomBytes(16).toString('base64')).load(), /ROLLCALL_TEMPLATE_KEY must hold 32 bytes in base64/);
  assert.throws(() => keyFromEnvironment('not base64!').load(), /must hold 32 bytes/);
});

test('the serve host takes --key-file, then the environment, then a per-user file outside the data folder', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const env = { ROLLCALL_TEMPLATE_KEY: randomBytes(32).toString('base64'), XDG_CONFIG_HOME: join(dir, 'config') };
  assert.match(serveKeyProvider({ keyFile: join(dir, 'k.key'), env, dataDir, home: dir }).source, /key file .*k\.key/);
  assert.match(serveKeyProvider({ env, dataDir, home: dir }).source, /ROLLCALL_TEMPLATE_KEY/);
  const fallback = serveKeyProvider({ env: { XDG_CONFIG_HOME: env.XDG_CONFIG_HOME }, dataDir, home: dir });
  assert.equal(fallback.source, `key file ${defaultKeyFile(dataDir, env, dir)}`);
  assert.ok(defaultKeyFile(dataDir, env, dir).startsWith(join(dir, 'config', 'rollcall', 'template-keys')));
});
