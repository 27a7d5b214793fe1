// The privacy pack printed from the current settings: a notice to parents, the consent form and the
// public retention schedule. Generated, not written by hand, so what the school publishes is always
// what the kiosk actually does.
import type { Config } from '../config/schema.js';
import { regionRules } from './regions.js';
import { docHeader, html, printPage, type Html } from './print-page.js';
import { schoolLocal } from './local-time.js';

function days(n: number): string {
  if (n % 365 === 0) return `${n / 365} year${n === 365 ? '' : 's'} (${n} days)`;
  if (n % 30 === 0 && n >= 60) return `${n / 30} months (${n} days)`;
  return `${n} day${n === 1 ? '' : 's'}`;
}

export function renderPrivacyPack(cfg: Config, now: Date): string {
  const school = cfg.school.name;
  const p = cfg.privacy;
  const region = regionRules(p.region);
  const generated = schoolLocal(now.toISOString(), cfg.school.timezone);
  const header = (what: string) => docHeader(school, `${what} · generated ${generated}`);
  const enrolmentPhotos = p.keepEnrolmentPhotosDays === null
    ? 'not kept: each is used once to compute the template and then discarded.'
    : `kept for at most ${days(p.keepEnrolmentPhotosDays)}, then deleted automatically.`;
  const evidencePhotos = p.evidencePhotos.enabled
    ? `Kept for at most ${days(p.evidencePhotos.keepDays)}, then deleted automatically.`
    : 'Not taken. The kiosk does not store pictures of check-ins.';

  const barred: Html = region.faceBarred
    ? html`<div class="note warn"><strong>Face recognition is not used at ${school}.</strong> ${region.law}. Students check in with their QR card or their student number and PIN. This pack is provided for information only.</div>`
    : html``;
  const dpia = p.dpia
    ? html`<p>The school completed a data protection impact assessment (reference ${p.dpia.reference}, dated ${p.dpia.date}) before using face recognition.</p>`
    : region.dpiaRequired
      ? html`<p>Face recognition will not be switched on until the school has completed a data protection impact assessment.</p>`
      : html``;

  const notice = html`${header('Notice to parents and carers')}
<h1>Face recognition for attendance: notice to parents and carers</h1>
${barred}
<p>${school} uses an attendance kiosk at its entrance. Students check in by looking at the kiosk, by showing their QR card, or by typing their student number and PIN. <strong>Face recognition is optional.</strong> It is used for a student only after written consent is recorded, and every student can always use the card or PIN instead, just as quickly.</p>
<h2>What is collected and why</h2>
<ul>
  <li><strong>Purpose:</strong> recording arrival and departure times and texting guardians that their child has arrived. Nothing else: no marketing, no sale, no sharing with third parties, no profiling.</li>
  <li><strong>Face template:</strong> from one or two enrolment photos the kiosk computes a list of numbers (a template) with the model ${cfg.recognition.modelId}. Only the template is stored; the enrolment photos are ${enrolmentPhotos}</li>
  <li><strong>Photos at check-in:</strong> ${evidencePhotos} A face the kiosk does not recognise is discarded immediately and never stored.</li>
  <li><strong>No inference:</strong> the kiosk does not estimate emotion, age or gender.</li>
  <li><strong>Texts to guardians</strong> contain only the student's name, the time and the school's name; never a photo or a recognition score.</li>
</ul>
<h2>Where it is kept and who can see it</h2>
<ul>
  <li>Everything stays on the kiosk at the school. Nothing is sent to any cloud service.</li>
  <li>Face templates are encrypted (AES-256) with a key kept apart from the database, so a copy of the database or of its backups holds no usable face data.</li>
  <li>Only authorised school staff can manage enrolment; every enrolment, export and deletion is written to a tamper-evident audit log.</li>
</ul>
<h2>Your choices</h2>
<ul>
  <li>You may refuse, or withdraw consent at any time, in writing to the school office. ${region.signedReleaseRequired ? 'Consent counts only on a signed form. ' : ''}If any parent objects, or the student refuses, face recognition stops for that student.</li>
  <li>On withdrawal, objection, leaving the school or a deletion request, the student's face templates are deleted and a deletion receipt is issued. Deletions are honoured even if the kiosk is later restored from a backup.</li>
  <li>You may ask to see everything held about your child: attendance records, consent history and details of any stored template (never the template itself).</li>
</ul>
${dpia}
<p class="muted">Legal basis and local rules (${region.name}): ${region.law}.</p>
<footer class="doc">Questions: contact the school office. This notice was generated from the kiosk's current settings.</footer>`;

  const form = html`${header('Consent form')}
<h1>Consent to face recognition for attendance</h1>
<p>Student name: ______________________________ &nbsp; Student number: ____________ &nbsp; Class: ________</p>
<p>I have read the notice "Face recognition for attendance" (${school}, generated ${generated}). I understand that:</p>
<ul>
  <li>face recognition is optional, and my child can always check in with a QR card or PIN instead;</li>
  <li>only a face template is kept, encrypted, for as long as the retention schedule says, and it is used only to record attendance;</li>
  <li>I can withdraw consent at any time in writing, and the template is then deleted;</li>
  <li>if my child refuses or objects, face recognition stops for them, whatever this form says.</li>
</ul>
<p class="choice"><span class="box"></span>I <strong>consent</strong> to ${school} using face recognition to record my child's attendance.</p>
<p class="choice"><span class="box"></span>I <strong>do not consent</strong>. My child will use the QR card or PIN.</p>
<h3>Parent or carer</h3>
<div class="sign"><div>Full name</div><div>Relationship to student</div><div>Signature</div><div>Date</div></div>
<h3>Student (where old enough to decide)</h3>
<p class="choice"><span class="box"></span>I agree to use face recognition. &nbsp; <span class="box"></span>I do not want to use face recognition.</p>
<div class="sign"><div>Student signature</div><div>Date</div></div>
<h3>For the school office</h3>
<div class="sign"><div>Recorded in the kiosk by</div><div>Date recorded</div></div>
<footer class="doc">Return to the school office. A copy of this form is kept with the student's consent record.</footer>`;

  const schedule = html`${header('Retention schedule')}
<h1>Biometric data retention schedule</h1>
<p>${school} publishes this schedule as required for biometric data. The kiosk enforces it automatically every day; nothing is kept indefinitely.</p>
<table><thead><tr><th>Data</th><th>Kept</th><th>Deleted</th></tr></thead><tbody>
<tr><td>Face templates</td><td>While consent stands and the student is on roll</td><td>At once on withdrawal, objection or a deletion request; at the next daily run after the student leaves or graduates; after ${days(p.templateUnusedDays)} without being used</td></tr>
<tr><td>Enrolment photos</td><td>${p.keepEnrolmentPhotosDays === null ? 'Not kept' : `Up to ${days(p.keepEnrolmentPhotosDays)}`}</td><td>${p.keepEnrolmentPhotosDays === null ? 'Discarded once the template is computed' : 'Automatically when the period ends, and with the templates'}</td></tr>
<tr><td>Check-in (evidence) photos</td><td>${p.evidencePhotos.enabled ? `Up to ${days(p.evidencePhotos.keepDays)}` : 'Not taken'}</td><td>${p.evidencePhotos.enabled ? 'Automatically when the period ends' : '—'}</td></tr>
<tr><td>Unrecognised faces</td><td>Never stored</td><td>Discarded with the camera frame</td></tr>
<tr><td>Database backups and set-aside copies</td><td>Hourly backups: the last ${cfg.backup.keep}; copies kept aside by a restore or repair: up to ${days(cfg.backup.setAsideDays)}</td><td>Backups are replaced hour by hour; deletions are applied to set-aside copies at once, and the copies deleted when the period ends</td></tr>
<tr><td>Deletion ledger</td><td>Student number, date, reason and counts only (no face data)</td><td>Kept so that restores from backup re-apply deletions</td></tr>
<tr><td>Attendance records</td><td>Dates, times and method of check-in</td><td>Under the school's records policy (not biometric data)</td></tr>
</tbody></table>
<h2>Settings in force</h2>
<dl class="facts">
  <dt>Region</dt><dd>${region.name} (${p.region})</dd>
  <dt>Face recognition</dt><dd>${cfg.kiosk.faceRecognition ? 'enabled for students with recorded consent' : 'switched off'}</dd>
  <dt>Template model</dt><dd>${cfg.recognition.modelId}</dd>
  <dt>Unused templates deleted after</dt><dd>${days(p.templateUnusedDays)}</dd>
  <dt>DPIA</dt><dd>${p.dpia ? `${p.dpia.reference} (${p.dpia.date})` : region.dpiaRequired ? 'required before face recognition is enabled' : 'not recorded'}</dd>
</dl>
<footer class="doc">Generated from the kiosk's settings on ${generated}. If the settings change, print a new schedule.</footer>`;

  return printPage({ title: `${school}: face recognition privacy pack`, sheets: [notice, form, schedule] });
}
