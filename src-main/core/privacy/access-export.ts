// A student's (or their parents') right to see what the school holds: attendance records, consent
// history, texts sent and metadata about stored face templates. Never a template itself.
import type { AccessExport } from '../../../src-preload/contract.js';
import type { Db } from '../db/open.js';
import { listErasures } from './erasure.js';
import { docHeader, html, printPage } from './print-page.js';
import { schoolLocal } from './local-time.js';

export class UnknownStudentError extends Error {}

/**
 * The export answers one parent's request; a guardian the school marked "do not contact" is often kept
 * from the family for safeguarding, so their number is never handed over, not even in old texts.
 */
export const WITHHELD_PHONE = 'withheld (do not contact)';

export function buildAccessExport(db: Db, studentNumber: string, opts: { school: string; now: Date }): AccessExport {
  const s = db.prepare('SELECT * FROM students WHERE student_number = ?').get(studentNumber) as Record<string, unknown> | undefined;
  if (!s) throw new UnknownStudentError(`No student ${studentNumber}`);
  const id = s.id as number;
  const all = <T>(sql: string) => db.prepare(sql).all(id) as T[];
  const withheld = new Set(
    db.prepare('SELECT phone_e164 FROM guardians WHERE do_not_contact = 1').pluck().all() as string[],
  );
  const shown = (phone: string) => (withheld.has(phone) ? WITHHELD_PHONE : phone);
  return {
    generatedAt: opts.now.toISOString(),
    school: opts.school,
    student: {
      studentNumber,
      firstName: s.first_name as string,
      lastName: s.last_name as string,
      className: s.class_name as string,
      createdAt: s.created_at as string,
      archivedAt: (s.archived_at as string | null) ?? null,
    },
    guardians: all<{ name: string; phone: string; dnc: number }>(
      `SELECT g.name, g.phone_e164 AS phone, g.do_not_contact AS dnc FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id
        WHERE sg.student_id = ? ORDER BY sg.priority, g.id`,
    ).map((g) => ({ name: g.name, phone: g.dnc === 1 ? WITHHELD_PHONE : g.phone, doNotContact: g.dnc === 1 })),
    attendance: all<Record<string, unknown>>(
      'SELECT local_date, local_time, session, kind, status, minutes_late, method, score FROM attendance WHERE student_id = ? ORDER BY occurred_at',
    ).map((a) => ({
      date: a.local_date as string,
      time: (a.local_time as string).slice(0, 5),
      session: a.session as string,
      kind: a.kind as string,
      status: a.status as string,
      minutesLate: a.minutes_late as number,
      method: a.method as string,
      matchScore: (a.score as number | null) ?? null,
    })),
    consent: all<Record<string, string>>('SELECT * FROM consent_events WHERE student_id = ? ORDER BY id').map((c) => ({
      kind: c.kind!,
      givenBy: c.given_by!,
      givenByRole: c.given_by_role!,
      method: c.method!,
      noticeVersion: c.notice_version!,
      occurredAt: c.occurred_at!,
      recordedBy: c.recorded_by!,
      note: c.note!,
    })),
    templates: (() => {
      const items = all<{ model_id: string; source: string; quality: number; created_at: string; last_used_at: string | null }>(
        'SELECT model_id, source, quality, created_at, last_used_at FROM face_templates WHERE student_id = ? ORDER BY id',
      ).map((t) => ({ modelId: t.model_id, source: t.source, quality: t.quality, createdAt: t.created_at, lastUsedAt: t.last_used_at }));
      return { count: items.length, items };
    })(),
    erasures: listErasures(db, studentNumber).map((e) => ({
      erasureId: e.erasureId,
      reason: e.reason,
      occurredAt: e.occurredAt,
      templatesDeleted: e.templatesDeleted,
      photosDeleted: e.photosDeleted,
    })),
    messages: all<{ created_at: string; phone_e164: string; type: string; state: string; body: string }>(
      'SELECT created_at, phone_e164, type, state, body FROM sms_outbox WHERE student_id = ? ORDER BY id',
    ).map((m) => ({ createdAt: m.created_at, to: shown(m.phone_e164), type: m.type, state: m.state, body: m.body })),
  };
}

export function renderAccessExport(x: AccessExport, timezone: string): string {
  const st = x.student;
  const local = (iso: string | null) => schoolLocal(iso, timezone);
  const empty = (n: number, cols: number, what: string) => (n === 0 ? html`<tr><td colspan="${String(cols)}" class="muted">No ${what}.</td></tr>` : html``);
  return printPage({
    title: `Records held for student ${st.studentNumber}`,
    sheets: [
      html`${docHeader(x.school, `Access export · ${local(x.generatedAt)}`)}
<h1>Records held for ${st.firstName} ${st.lastName}</h1>
<dl class="facts">
  <dt>Student number</dt><dd>${st.studentNumber}</dd>
  <dt>Class</dt><dd>${st.className || '—'}</dd>
  <dt>On roll since</dt><dd>${local(st.createdAt)}</dd>
  ${st.archivedAt ? html`<dt>Left / archived</dt><dd>${local(st.archivedAt)}</dd>` : html``}
</dl>
<h2>Guardians</h2>
<table><thead><tr><th>Name</th><th>Phone</th><th>Texts</th></tr></thead><tbody>
${x.guardians.map((g) => html`<tr><td>${g.name}</td><td>${g.phone}</td><td>${g.doNotContact ? 'not contacted' : 'arrival texts'}</td></tr>`)}
${empty(x.guardians.length, 3, 'guardians')}
</tbody></table>
<h2>Face recognition data</h2>
<p>${x.templates.count === 0
        ? 'No face templates are stored for this student.'
        : `${x.templates.count} face template(s) are stored, encrypted. A template is a list of numbers computed from a photo; it is never shown or exported, and no photo is kept.`}</p>
<table><thead><tr><th>Model</th><th>Made from</th><th>Created</th><th>Last used</th></tr></thead><tbody>
${x.templates.items.map((t) => html`<tr><td>${t.modelId}</td><td>${t.source}</td><td>${local(t.createdAt)}</td><td>${t.lastUsedAt ? local(t.lastUsedAt) : 'never'}</td></tr>`)}
${empty(x.templates.count, 4, 'templates')}
</tbody></table>
<h2>Consent history</h2>
<table><thead><tr><th>When</th><th>Event</th><th>By</th><th>How</th><th>Notice</th><th>Recorded by</th></tr></thead><tbody>
${x.consent.map((c) => html`<tr><td>${local(c.occurredAt)}</td><td>${c.kind}</td><td>${c.givenBy} (${c.givenByRole})</td><td>${c.method.replace('_', ' ')}</td><td>${c.noticeVersion}</td><td>${c.recordedBy}</td></tr>`)}
${empty(x.consent.length, 6, 'consent events')}
</tbody></table>
${x.erasures.length ? html`<h2>Deletions of biometric data</h2>
<table><thead><tr><th>When</th><th>Reason</th><th>Templates</th><th>Photos</th><th>Receipt</th></tr></thead><tbody>
${x.erasures.map((e) => html`<tr><td>${local(e.occurredAt)}</td><td>${e.reason}</td><td>${String(e.templatesDeleted)}</td><td>${String(e.photosDeleted)}</td><td>${e.erasureId}</td></tr>`)}
</tbody></table>` : html``}
<h2>Attendance records</h2>
<table><thead><tr><th>Date</th><th>Time</th><th>Session</th><th>Kind</th><th>Status</th><th>Method</th></tr></thead><tbody>
${x.attendance.map((a) => html`<tr><td>${a.date}</td><td>${a.time}</td><td>${a.session}</td><td>${a.kind.replace('_', ' ')}</td><td>${a.status === 'late' ? `late (${a.minutesLate} min)` : 'on time'}</td><td>${a.method}</td></tr>`)}
${empty(x.attendance.length, 6, 'attendance records')}
</tbody></table>
<h2>Texts sent to guardians</h2>
<table><thead><tr><th>When</th><th>To</th><th>Text</th><th>State</th></tr></thead><tbody>
${x.messages.map((m) => html`<tr><td>${local(m.createdAt)}</td><td>${m.to}</td><td>${m.body}</td><td>${m.state}</td></tr>`)}
${empty(x.messages.length, 4, 'texts')}
</tbody></table>
<footer class="doc">Times are in ${timezone}. The machine-readable copy of this export (JSON) holds the same records.</footer>`,
    ],
  });
}
