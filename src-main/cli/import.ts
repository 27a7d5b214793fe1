// `npm run import -- --data-dir DIR (--roster FILE.csv | --oneroster BUNDLE_DIR) [--photos FOLDER] [--config FILE.json]`
// Validates the whole roster first; any row error stops the import before anything is written.
// Photos in FOLDER/<student_number>/*.jpg|png are enrolled with the kiosk's own pipeline.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { loadConfig } from '../core/config/load.js';
import { openDatabase } from '../core/db/open.js';
import { jsonLogger } from '../core/log.js';
import { systemClock } from '../core/time/clock.js';
import { parseRoster, type RosterParse, type RosterStudent } from '../core/people/roster.js';
import { ONEROSTER_FILES, parseOneRoster } from '../core/people/oneroster.js';
import { guardianConflicts, hashRosterPins, importRoster, storedPinsOf } from '../core/people/roster-import.js';
import { hashPinAsync, verifyPinAsync } from '../core/people/pin.js';
import { findStudentByNumber } from '../core/people/students.js';
import { addTemplate, sealStoredTemplates } from '../core/recognition/templates.js';
import { createTemplateCipher } from '../core/recognition/template-cipher.js';
import { serveKeyProvider } from '../core/privacy/template-key.js';
import { parseFlags, runCli, UsageError } from './args.js';
import { defaultConfigPath, rendererDir } from './paths.js';
import { startPhotoEmbedder } from './photo-embedder.js';
import { consentStatus } from '../core/consent/consent-ledger.js';
import { decodeImportFile } from '../../src-preload/contract.js';

const USAGE = 'npm run import -- --data-dir DIR (--roster FILE.csv | --oneroster BUNDLE_DIR) [--photos FOLDER] [--config FILE.json] [--key-file FILE, as for serve]';
const PHOTO = /\.(jpe?g|png)$/i;

interface Enrolment {
  studentNumber: string;
  file: string;
  embedding: number[];
  quality: number;
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    'data-dir': { type: 'string' },
    roster: { type: 'string' },
    oneroster: { type: 'string' },
    photos: { type: 'string' },
    config: { type: 'string' },
    'key-file': { type: 'string' },
  }, USAGE);
  if (!flags['data-dir'] || !!flags.roster === !!flags.oneroster) {
    throw new UsageError(`--data-dir and one of --roster or --oneroster are required\n\nUsage: ${USAGE}`);
  }
  const config = loadConfig({ defaultsPath: defaultConfigPath, overridePath: flags.config });
  const roster = flags.oneroster ? readOneRoster(flags.oneroster, config.school.country) : readRoster(flags.roster!, config.school.country);
  if (!roster.ok) {
    const lines = roster.errors.map((e) => (e.line ? `  Line ${e.line}: ${e.message}` : `  ${e.message}`));
    throw new Error(`Roster not imported; nothing was changed. Fix these rows and run again:\n${lines.join('\n')}`);
  }

  const enrolments: Enrolment[] = [];
  const warnings: string[] = [];
  if (flags.photos) {
    const photosDir = resolve(flags.photos);
    if (!existsSync(photosDir) || !statSync(photosDir).isDirectory()) throw new Error(`--photos ${photosDir} is not a folder`);
    const known = new Set(roster.students.map((s) => s.studentNumber));
    for (const name of readdirSync(photosDir)) {
      if (statSync(join(photosDir, name)).isDirectory() && !known.has(name)) {
        warnings.push(`Photos folder ${name} matches no student in the roster; skipped`);
      }
    }
    const log = jsonLogger();
    const embedder = await startPhotoEmbedder({ rendererDir, log });
    if (embedder.modelId !== config.recognition.modelId) {
      await embedder.stop();
      throw new Error(`The pipeline makes ${embedder.modelId} templates but the config expects ${config.recognition.modelId}`);
    }
    try {
      for (const s of roster.students) enrolments.push(...(await enrolStudent(s, photosDir, embedder.embedFile, warnings)));
    } finally {
      await embedder.stop();
    }
  }

  const dataDir = resolve(flags['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'rollcall.db'));
  try {
    const conflicts = guardianConflicts(db, roster.students);
    if (conflicts.length) {
      throw new Error(`Roster not imported; nothing was changed. Fix these rows and run again:\n${conflicts.map((c) => `  Student ${c.studentNumber}: ${c.message}`).join('\n')}`);
    }
    // A running kiosk shares this database: scrypt stays out of the import's write transaction.
    const pins = await hashRosterPins(roster.students, (pin) => hashPinAsync(pin), 2, storedPinsOf(db, verifyPinAsync));
    // Templates are sealed with the same key the kiosk uses; roster-only imports never need it.
    const cipher = enrolments.length > 0
      ? createTemplateCipher(serveKeyProvider({ keyFile: flags['key-file'], env: process.env, dataDir, home: homedir() }).load())
      : null;
    if (cipher) sealStoredTemplates(db, cipher);
    const now = systemClock.now();
    let templatesAdded = 0;
    const refused = new Set<string>();
    const summary = db.transaction(() => {
      const result = importRoster(db, roster.students, now, pins);
      for (const e of enrolments) {
        const student = findStudentByNumber(db, e.studentNumber)!;
        // Face data only with consent on record, as in the admin screen: import the roster, record the
        // signed forms, then import the photos.
        if (!consentStatus(db, student.id, config.consent).canEnrol) {
          refused.add(e.studentNumber);
          continue;
        }
        const r = addTemplate(db, cipher!, { studentId: student.id, modelId: config.recognition.modelId, embedding: e.embedding, quality: e.quality, source: 'photo' }, now);
        if (r.inserted) templatesAdded++;
      }
      return result;
    })();
    for (const n of refused) warnings.push(`Student ${n} has no face consent on record; photos not enrolled (record consent, then import the photos again)`);
    for (const w of warnings) process.stdout.write(`warning: ${w}\n`);
    process.stdout.write(
      `Imported ${roster.students.length} students: ${summary.studentsCreated} new, ${summary.studentsUpdated} updated, ` +
        `${summary.studentsUnchanged} unchanged${summary.studentsRestored ? ` (${summary.studentsRestored} back from the archive)` : ''}; guardians ${summary.guardiansCreated} new, ${summary.guardiansUpdated} renamed; ` +
        `links ${summary.linksAdded} added, ${summary.linksRemoved} removed; PINs set ${summary.pinsSet} (${summary.pinsUnchanged} unchanged); ` +
        `face templates ${templatesAdded} added (${enrolments.filter((e) => !refused.has(e.studentNumber)).length} photos enrolled).\n`,
    );
  } finally {
    db.close();
  }
});

async function enrolStudent(
  s: RosterStudent,
  photosDir: string,
  embed: (file: string) => Promise<{ ok: true; embedding: number[]; quality: number } | { ok: false; reason: string }>,
  warnings: string[],
): Promise<Enrolment[]> {
  const dir = join(photosDir, s.studentNumber);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => PHOTO.test(f)).sort();
  const out: Enrolment[] = [];
  for (const f of files) {
    const r = await embed(join(dir, f));
    if (r.ok) out.push({ studentNumber: s.studentNumber, file: f, embedding: r.embedding, quality: r.quality });
    else warnings.push(`${s.studentNumber}/${f}: ${r.reason}; not enrolled`);
  }
  if (files.length > 0 && out.length === 0) {
    warnings.push(`Student ${s.studentNumber} has no usable photo; they can check in by card or PIN`);
  }
  return out;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const { text, encoding } = decodeImportFile(bytes);
  if (encoding !== 'utf-8') process.stdout.write(`note: ${file} is not UTF-8; read as ${encoding} (the encoding Windows spreadsheets save CSV in); save it as "CSV UTF-8" to be sure of every letter\n`);
  return text;
}

function readRoster(file: string, country: string): RosterParse {
  return parseRoster(readText(file), country);
}

/** Errors name the bundle's file, so "Line 5" is never ambiguous between users.csv and enrollments.csv. */
function readOneRoster(dir: string, country: string): RosterParse {
  const files: Record<string, string> = {};
  for (const f of ONEROSTER_FILES) if (existsSync(join(dir, f))) files[f] = readText(join(dir, f));
  const r = parseOneRoster(files, country);
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ line: e.line, message: `${e.file}: ${e.message}` })) };
  for (const w of r.warnings) process.stdout.write(`warning: ${w.file} line ${w.line}: ${w.message}\n`);
  return { ok: true, students: r.students };
}
