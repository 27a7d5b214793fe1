// The settings form's working copy: the part of the config the screen edits, with numbers kept as
// typed text until saving, and the patch that turns it into a settings:update request.
import type { Role } from '../../../src-preload/contract';

export interface SessionDraft {
  name: string;
  start: string;
  end: string;
  checkIn: [string, string];
  checkOut: [string, string];
  lateAfterMinutes: string;
}

export interface HolidayDraft {
  from: string;
  to: string;
  name: string;
}

/** A daily notice (absence report, no-check-out notice); an empty time means the automatic one. */
export interface NoticeDraft {
  enabled: boolean;
  at: string;
  holdAbovePercent: string;
}

export interface SettingsDraft {
  school: { name: string; timezone: string; country: string; locale: string; language: string };
  schedule: {
    sessions: SessionDraft[];
    cooldownMinutes: string;
    schoolDays: string[];
    holidays: HolidayDraft[];
    absenceReport: NoticeDraft;
    noCheckoutNotice: NoticeDraft;
  };
  sms: { language: string };
  recognition: { acceptThreshold: string; unknownThreshold: string; margin: string; agreeFrames: string };
}

type Holiday = { from: string; to: string; name?: string };
type Notice = { enabled: boolean; at: string | null; holdAbovePercent: number };
const noticeDraft = (n: Notice): NoticeDraft => ({ enabled: n.enabled, at: n.at ?? '', holdAbovePercent: String(n.holdAbovePercent) });
// `any`: the values arrive from settings:get as plain JSON in the shape of config/default.json.
export function draftFrom(values: Record<string, any>): SettingsDraft {
  const s = values.school;
  const sch = values.schedule;
  const r = values.recognition;
  return {
    school: { name: s.name, timezone: s.timezone, country: s.country, locale: s.locale, language: s.language },
    schedule: {
      sessions: sch.sessions.map((x: any) => ({ ...x, checkIn: [...x.checkIn], checkOut: [...x.checkOut], lateAfterMinutes: String(x.lateAfterMinutes) })),
      cooldownMinutes: String(sch.cooldownMinutes),
      schoolDays: [...sch.schoolDays],
      holidays: (sch.holidays as Holiday[]).map((h) => ({ from: h.from, to: h.to === h.from ? '' : h.to, name: h.name ?? '' })),
      absenceReport: noticeDraft(sch.absenceReport),
      noCheckoutNotice: noticeDraft(sch.noCheckoutNotice),
    },
    sms: { language: values.sms.language },
    recognition: {
      acceptThreshold: String(r.acceptThreshold),
      unknownThreshold: String(r.unknownThreshold),
      margin: String(r.margin),
      agreeFrames: String(r.agreeFrames),
    },
  };
}

/** A number if the text is one; otherwise the text itself, so the core names the key in its message. */
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

function noticeOut(n: NoticeDraft) {
  return { enabled: n.enabled, at: n.at.trim() === '' ? null : n.at.trim(), holdAbovePercent: num(n.holdAbovePercent) };
}

function holidayOut(h: HolidayDraft): Holiday {
  return { from: h.from, to: h.to || h.from, ...(h.name ? { name: h.name } : {}) };
}

function toConfig(d: SettingsDraft, role: Role) {
  return {
    school: { ...d.school },
    schedule: {
      sessions: d.schedule.sessions.map((x) => ({ ...x, lateAfterMinutes: num(x.lateAfterMinutes) })),
      cooldownMinutes: num(d.schedule.cooldownMinutes),
      schoolDays: d.schedule.schoolDays,
      holidays: d.schedule.holidays.map(holidayOut),
      absenceReport: noticeOut(d.schedule.absenceReport),
      noCheckoutNotice: noticeOut(d.schedule.noCheckoutNotice),
    },
    sms: { language: d.sms.language },
    ...(role === 'it'
      ? {
          recognition: {
            acceptThreshold: num(d.recognition.acceptThreshold),
            unknownThreshold: num(d.recognition.unknownThreshold),
            margin: num(d.recognition.margin),
            agreeFrames: num(d.recognition.agreeFrames),
          },
        }
      : {}),
  };
}

/** Only the groups that differ from what was loaded, so an unchanged group is never sent. */
export function patchFrom(saved: SettingsDraft, draft: SettingsDraft, role: Role): Record<string, unknown> {
  const before = toConfig(saved, role) as Record<string, unknown>;
  const after = toConfig(draft, role) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [group, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[group])) patch[group] = value;
  }
  return patch;
}
