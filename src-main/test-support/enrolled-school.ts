// A small school in a real SQLite file: three students with guardians, signed face consent, and two
// face templates each made from known vectors, so tests can look for those exact numbers on disk.
import { join } from 'node:path';
import { openDatabase, type Db } from '../core/db/open.js';
import { parseRoster } from '../core/people/roster.js';
import { importRoster } from '../core/people/roster-import.js';
import { addTemplate } from '../core/recognition/templates.js';
import { createTemplateCipher, type TemplateCipher } from '../core/recognition/template-cipher.js';
import { l2normalise } from '../core/recognition/vectors.js';

export const MODEL = 'faceapi-resnet128-fapi-v1';
export const STUDENTS = ['1001', '1002', '1003'] as const;

/** A deterministic pseudo-random 128-d unit embedding; different seeds are far apart, as different faces are. */
export function embedding(seed: number): Float32Array {
  let t = seed * 0x9e3779b9;
  const next = () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return l2normalise(Array.from({ length: 128 }, next));
}

export function recordConsent(db: Db, studentId: number, kind: 'granted' | 'withdrawn', at: Date, method = 'signed_form'): void {
  db.prepare(
    `INSERT INTO consent_events (student_id, kind, given_by, given_by_role, method, notice_version, occurred_at, recorded_by)
     VALUES (?, ?, 'Maria Silva', 'guardian', ?, 'notice-2026-09', ?, 'office')`,
  ).run(studentId, kind, method, at.toISOString());
}

export function enrolledSchool(dir: string, opts: { key: Buffer; now: Date }) {
  const file = join(dir, 'rollcall.db');
  const db = openDatabase(file, { now: () => opts.now });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n' +
      '1002,Ben,Okafor,7A,Ada Okafor,07400 222333,\n' +
      '1003,Cara,Byrne,7B,Sean Byrne,07400 333444,\n',
    'GB',
  );
  if (!roster.ok) throw new Error('test roster invalid');
  importRoster(db, roster.students, opts.now, () => 'not-a-real-hash');
  const id = (n: string) => db.prepare('SELECT id FROM students WHERE student_number = ?').pluck().get(n) as number;
  const cipher: TemplateCipher = createTemplateCipher(opts.key);
  const vectors = new Map<string, Float32Array[]>();
  STUDENTS.forEach((n, i) => {
    const vs = [embedding(i * 2 + 1), embedding(i * 2 + 2)];
    vectors.set(n, vs);
    for (const v of vs) addTemplate(db, cipher, { studentId: id(n), modelId: MODEL, embedding: v, quality: 0.9, source: 'photo' }, opts.now);
    recordConsent(db, id(n), 'granted', opts.now);
  });
  return { db, file, cipher, id, vectors };
}

/** True when `haystack` contains the float32 bytes of any 4 consecutive components of the vector. */
export function containsVector(haystack: Buffer, v: Float32Array): boolean {
  const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  for (let i = 0; i + 16 <= bytes.length; i += 16) if (haystack.includes(bytes.subarray(i, i + 16))) return true;
  return false;
}
