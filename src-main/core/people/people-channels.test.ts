import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog, verifyAuditLog } from '../audit/audit-log.js';
import { createCheckInService } from '../attendance/checkins.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createPeopleChannels } from './people-channels.js';
import type { CallContext } from '../access/authorize.js';
import { parseRoster } from './roster.js';
import { randomBytes } from 'node:crypto';
import { createTemplateCipher } from '../recognition/template-cipher.js';

const OFFICE: CallContext = { session: { token: 'test', role: 'office' } };
const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const MODEL = 'faceapi-resnet128-fapi-v1';
const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone';
const ROSTER = `${HEADER},guardian2_name,guardian2_phone\n1001,Ana,Silva,7A,Maria Silva,07400 123456,João Silva,07400 654321\n1002,Ben,Okafor,7B,Ada Okafor,07400 222333,,\n`;

function unit(i: number, j = i, w = 0): number[] {
  const v = new Array(128).fill(0);
  v[i] = 1;
  v[j] += w;
  return v;
}

async function setup(consent: { requireStudentConsent?: boolean } = {}) {
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School' },
    kiosk: { ...defaults.kiosk, faceRecognition: true },
    privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-1', date: '2026-09-01' } },
    consent: { noticeVersion: '2026-09', requireStudentConsent: false, ...consent },
  });
  const db: Db = openDatabase(join(tempDir(), 'rollcall.db'));
  // Monday 2026-12-07, 07:05 in London: the morning check-in window, on time.
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const audit = createAuditLog(db, clock);
  const cipher = createTemplateCipher(randomBytes(32));
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher });
  const channels = createPeopleChannels({ db, config: () => config, clock, audit, cipher, onGalleryChanged: () => checkIns.galleryChanged() });
  // Every call as the signed-in office.
  const h = Object.fromEntries(
    Object.entries(channels).map(([name, handler]) => [name, (req: unknown) => (handler as (r: unknown, ctx: CallContext) => unknown)(req, OFFICE)]),
  ) as { [C in keyof typeof channels]: (req: Parameters<(typeof channels)[C]>[0]) => ReturnType<(typeof channels)[C]> };
  // Importing and saving hash PINs off the main thread, so they answer asynchronously.
  const applied = await h['people:import-apply']({ format: 'roster', files: { 'roster.csv': ROSTER } });
  assert.ok(applied.ok);
  const id = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  return { db, clock, h, checkIns, id, config };
}

const sync = <T>(v: T | Promise<T>): T => {
  assert.ok(!(v instanceof Promise));
  return v as T;
};
const face = (embedding: number[]) => ({ modelId: MODEL, embeddings: [embedding, embedding, embedding], quality: 0.9 });
const samples = (...e: number[][]) => e.map((embedding) => ({ embedding, quality: 0.8 }));
const grant = (studentId: number, givenByRole: 'guardian' | 'student' = 'guardian') =>
  ({ studentId, givenBy: givenByRole === 'guardian' ? 'Maria Silva' : 'Ana Silva', givenByRole, method: 'signed_form' as const, note: '' });

test('the student list finds students by name, number or class and leaves archived ones out', async () => {
  const { h, id } = await setup();
  assert.deepEqual(sync(h['people:list']({ query: 'okaf', includeArchived: false })).students.map((s) => s.studentNumber), ['1002']);
  assert.deepEqual(sync(h['people:list']({ query: '7a', includeArchived: false })).students.map((s) => s.studentNumber), ['1001']);
  sync(h['people:archive']({ studentId: id('1002'), archived: true }));
  assert.deepEqual(sync(h['people:list']({ query: '', includeArchived: false })).students.map((s) => s.studentNumber), ['1001']);
  assert.deepEqual(sync(h['people:list']({ query: '', includeArchived: true })).students.map((s) => s.archived), [false, true]);
});

test('a new student with a bad phone number is refused with the field named, and nothing is written', async () => {
  const { h, db } = await setup();
  const r = (await h['people:save']({
    studentNumber: '1003', firstName: 'Cy', lastName: 'Nash', className: '7A', pin: '',
    guardians: [{ name: 'Cy’s mum', phone: '12345', doNotContact: false, notify: ['check_in'] }],
  }));
  assert.deepEqual(r, { ok: false, errors: [{ field: 'guardians.0.phone', message: "Phone '12345' is not a valid phone number for GB" }] });
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 2);
});

test('editing a student keeps several guardians with their own choices and stores numbers as E.164', async () => {
  const { h, id } = await setup();
  const r = (await h['people:save']({
    id: id('1001'), studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '8A', pin: '4821',
    guardians: [
      { name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: ['check_in', 'late_arrival'] },
      { name: 'João Silva', phone: '+44 7400 654321', doNotContact: true, notify: [] },
    ],
  }));
  assert.deepEqual(r, { ok: true, studentId: id('1001') });
  const d = sync(h['people:get']({ studentId: id('1001') }));
  assert.equal(d.className, '8A');
  assert.equal(d.hasPin, true);
  assert.deepEqual(d.guardianList.map((g) => [g.name, g.phoneE164, g.doNotContact, g.notify]), [
    ['Maria Silva', '+447400123456', false, ['check_in', 'late_arrival']],
    ['João Silva', '+447400654321', true, []],
  ]);
});

test('a do-not-contact guardian is never texted, and each guardian only gets the types they chose', async () => {
  const { h, id, db, checkIns, clock } = await setup();
  (await h['people:save']({
    id: id('1001'), studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', pin: '',
    guardians: [
      { name: 'Maria Silva', phone: '07400 123456', doNotContact: true, notify: ['check_in', 'check_out'] },
      { name: 'João Silva', phone: '07400 654321', doNotContact: false, notify: ['late_arrival'] },
    ],
  }));
  // On time: Maria chose check-ins but is do-not-contact; João only wants late arrivals. Nobody.
  assert.equal(checkIns.checkInByCard('1001').outcome, 'recorded');
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM sms_outbox').get() as { n: number }).n, 0);
  // Ben's only guardian keeps the default: every type.
  clock.set(new Date('2026-12-07T07:25:00Z'));
  assert.equal(checkIns.checkInByCard('1002').outcome, 'recorded');
  assert.deepEqual((db.prepare('SELECT phone_e164 FROM sms_outbox').all() as Array<{ phone_e164: string }>).map((r) => r.phone_e164), ['+447400222333']);
  // A late check-in reaches the guardian who asked for late arrivals.
  db.prepare("DELETE FROM attendance WHERE student_id = ?").run(id('1001'));
  assert.equal(checkIns.checkInByCard('1001').outcome, 'recorded');
  assert.deepEqual((db.prepare('SELECT phone_e164 FROM sms_outbox WHERE student_id = ?').all(id('1001')) as Array<{ phone_e164: string }>).map((r) => r.phone_e164), ['+447400654321']);
});

test('an import preview lists row errors with their line and changes nothing', async () => {
  const { h, db } = await setup();
  const r = sync(h['people:import-preview']({ format: 'roster', files: { 'new.csv': `${HEADER}\n1001,Ana,Silva,7A,Maria,12345\n1003,Cy,,7B,Mo,07400 333444\n` } }));
  assert.ok(!r.ok);
  assert.deepEqual(r.errors.map((e) => [e.file, e.line]), [['new.csv', 2], ['new.csv', 3]]);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 2);
});

test('an import preview says what will change, writes nothing, and confirming does exactly that', async () => {
  const { h, db } = await setup();
  const file = { 'roster.csv': `${HEADER}\n1001,Ana,Silva,8A,Maria Silva,07400 123456\n1002,Ben,Okafor,7B,Ada Okafor,07400 222333\n1003,Cy,Nash,7B,Mo Nash,07400 333444\n` };
  const before = db.prepare('SELECT COUNT(*) AS s, (SELECT COUNT(*) FROM guardians) AS g, (SELECT COUNT(*) FROM student_guardians) AS l FROM students').get();
  const p = sync(h['people:import-preview']({ format: 'roster', files: file }));
  assert.ok(p.ok);
  assert.deepEqual(p.summary, { studentsNew: 1, studentsUpdated: 1, studentsUnchanged: 1, guardiansNew: 1, guardiansUpdated: 0, linksAdded: 1, linksRemoved: 1, studentsNotInFile: 0, studentsRestored: 0 });
  assert.deepEqual(p.changes.map((c) => [c.studentNumber, c.change, c.details]), [
    ['1001', 'updated', ['class 7A → 8A', 'guardian João Silva removed']],
    ['1002', 'unchanged', []],
    ['1003', 'new', ['with 1 guardian']],
  ]);
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS s, (SELECT COUNT(*) FROM guardians) AS g, (SELECT COUNT(*) FROM student_guardians) AS l FROM students').get(), before);
  const applied = (await h['people:import-apply']({ format: 'roster', files: file }));
  assert.ok(applied.ok);
  assert.deepEqual(applied.summary, p.summary);
  const again = sync(h['people:import-preview']({ format: 'roster', files: file }));
  assert.ok(again.ok);
  assert.equal(again.summary.studentsUnchanged, 3);
  assert.equal(again.summary.studentsNew, 0);
});

test('the roster export re-imports unchanged, and a formula in a name cannot run in a spreadsheet', async () => {
  const { h, id } = await setup();
  (await h['people:save']({
    id: id('1002'), studentNumber: '1002', firstName: '=HYPERLINK("http://x")', lastName: 'Okafor', className: '7B', pin: '',
    guardians: [{ name: '@Ada', phone: '07400 222333', doNotContact: false, notify: ['check_in'] }],
  }));
  const { csv } = sync(h['people:export']({}));
  assert.equal(csv.split('\r\n')[0], 'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone');
  assert.match(csv, /^1002,"'=HYPERLINK\(""http:\/\/x""\)",Okafor,7B,'@Ada,'\+447400222333,,$/m);
  assert.ok(!/(^|,)[=+@-]/m.test(csv.replace(/"/g, '')), 'no cell starts with a formula character');
  const back = parseRoster(csv, 'GB');
  assert.ok(back.ok);
  assert.equal(back.students.find((s) => s.studentNumber === '1002')!.firstName, '=HYPERLINK("http://x")');
  const p = sync(h['people:import-preview']({ format: 'roster', files: { 'export.csv': csv } }));
  assert.ok(p.ok);
  assert.equal(p.summary.studentsUnchanged, 2);
});

test('face enrolment without consent is refused by the core', async () => {
  const { h, id, db } = await setup();
  const r = sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'kiosk' }));
  assert.deepEqual(r, { ok: false, reason: 'no_consent', message: 'Face enrolment needs consent from a guardian first' });
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM face_templates').get() as { n: number }).n, 0);
});

test('with guardian consent recorded the face is enrolled and then recognised at the kiosk', async () => {
  const { h, id, checkIns } = await setup();
  const status = sync(h['consent:record'](grant(id('1001'))));
  assert.deepEqual(status, { state: 'granted', canEnrol: true, missing: [] });
  const r = sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0), unit(0, 1, 0.1)), source: 'kiosk' }));
  assert.deepEqual(r, { ok: true, added: 2, templates: 2, flaggedLookAlike: false });
  const seen = checkIns.checkInByFace(face(unit(0)));
  assert.equal(seen.outcome === 'recorded' && seen.student.displayName, 'Ana Silva');
});

test('where the school requires it, the student must consent too', async () => {
  const { h, id } = await setup({ requireStudentConsent: true });
  assert.deepEqual(sync(h['consent:record'](grant(id('1001')))).missing, ['consent from the student']);
  const refused = sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'photo' }));
  assert.equal(refused.ok, false);
  assert.equal(sync(h['consent:record'](grant(id('1001'), 'student'))).canEnrol, true);
  assert.equal(sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'photo' })).ok, true);
});

test('withdrawal deletes the templates at once, the face is no longer recognised, the card still works, and it is audited', async () => {
  const { h, id, db, checkIns } = await setup();
  sync(h['consent:record'](grant(id('1001'))));
  sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'kiosk' }));
  assert.equal(checkIns.checkInByFace(face(unit(0))).outcome, 'recorded');
  const w = sync(h['consent:withdraw']({ studentId: id('1001'), givenBy: 'Maria Silva', givenByRole: 'guardian', note: '' }));
  assert.deepEqual(w, { templatesDeleted: 1, status: { state: 'withdrawn', canEnrol: false, missing: ['consent from a guardian'] } });
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM face_templates').get() as { n: number }).n, 0);
  assert.equal(checkIns.checkInByFace(face(unit(0))).outcome, 'not_recognised');
  assert.equal(checkIns.checkInByCard('1001').outcome, 'already_recorded');
  const d = sync(h['people:get']({ studentId: id('1001') }));
  assert.deepEqual(d.consentHistory.map((e) => e.kind), ['granted', 'withdrawn']);
  assert.equal(d.consentHistory[0]!.noticeVersion, '2026-09');
  const actions = (db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action);
  assert.deepEqual(actions.slice(-3), ['consent.grant', 'enrolment.save', 'consent.withdraw']);
  assert.deepEqual(verifyAuditLog(db), { ok: true, rows: actions.length });
  assert.equal(sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'kiosk' })).ok, false);
});

test('consent history cannot be rewritten', async () => {
  const { h, id, db } = await setup();
  sync(h['consent:record'](grant(id('1001'))));
  assert.throws(() => db.prepare("UPDATE consent_events SET kind = 'withdrawn'").run(), /append-only/);
});

test('a face already enrolled as someone else is reported before saving', async () => {
  const { h, id } = await setup();
  sync(h['consent:record'](grant(id('1001'))));
  sync(h['consent:record'](grant(id('1002'))));
  sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'kiosk' }));
  const c = sync(h['enrolment:check']({ studentId: id('1002'), modelId: MODEL, samples: samples(unit(0, 1, 0.05)) }));
  assert.deepEqual(c.sameAs.map((s) => [s.studentNumber, s.name]), [['1001', 'Ana Silva']]);
  assert.deepEqual(c.lookAlikes, []);
  assert.deepEqual(sync(h['enrolment:check']({ studentId: id('1002'), modelId: MODEL, samples: samples(unit(1)) })), { sameAs: [], lookAlikes: [] });
});

test('look-alike students are reported, flagged, and the kiosk then asks them for a second factor', async () => {
  const { h, id, checkIns } = await setup();
  sync(h['consent:record'](grant(id('1001'))));
  sync(h['consent:record'](grant(id('1002'))));
  sync(h['enrolment:save']({ studentId: id('1001'), modelId: MODEL, samples: samples(unit(0)), source: 'kiosk' }));
  assert.equal(checkIns.checkInByFace(face(unit(0))).outcome, 'recorded');
  // Cosine 0.92 to Ana: between the unknown (0.9) and accept (0.94) thresholds, a sibling's face.
  const sibling = unit(1, 0, 2.35);
  const saved = sync(h['enrolment:save']({ studentId: id('1002'), modelId: MODEL, samples: samples(sibling), source: 'kiosk' }));
  assert.deepEqual(saved, { ok: true, added: 1, templates: 1, flaggedLookAlike: true });
  const { pairs } = sync(h['enrolment:look-alikes']({}));
  assert.equal(pairs.length, 1);
  assert.deepEqual([pairs[0]!.a.studentNumber, pairs[0]!.b.studentNumber, pairs[0]!.flagged], ['1001', '1002', true]);
  assert.ok(pairs[0]!.score > 0.9 && pairs[0]!.score < 0.94);
  // Ana's own face now matches her clearly, but she is a flagged look-alike: card or PIN first.
  assert.equal(checkIns.checkInByFace(face(unit(0))).outcome, 'needs_second_factor');
  sync(h['enrolment:flag-look-alike']({ studentId: id('1001'), flagged: false }));
  assert.equal(checkIns.checkInByFace(face(unit(0))).outcome, 'already_recorded');
});
