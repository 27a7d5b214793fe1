// How each answer from the core reads on screen: words, colour, icon and how long it stays. The
// colour always comes with an icon and words, so nobody has to tell green from amber.
import type { Answer } from '../../state/kiosk-store';
import { say } from '../../app/strings';
import type { IconName } from './Icon';

export type ResultTone = 'success' | 'late' | 'info' | 'neutral' | 'warn';

export interface ResultView {
  tone: ResultTone;
  icon: IconName;
  title: string;
  detail: string;
  /** Punctuality, shown after the detail with its own icon. */
  badge?: { kind: 'on_time' | 'late'; icon: IconName; text: string };
  /** Offer the card/PIN path right on the card. */
  offerPad: boolean;
  showForMs: number;
}

/** Long enough to read a greeting at arm's length, short enough not to hold up the queue. */
const GREETING_MS = 4_000;
/** Answers the student has to act on stay a little longer. */
const ADVICE_MS = 6_000;

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** From the school-local HH:MM of the check-in. */
export function partOfDay(localTime: string): PartOfDay {
  const hour = Number(localTime.split(':')[0]);
  if (hour < 12) return 'morning';
  return hour < 18 ? 'afternoon' : 'evening';
}

function view(tone: ResultTone, icon: IconName, title: string, detail: string, showForMs = ADVICE_MS): ResultView {
  return { tone, icon, title, detail, offerPad: false, showForMs };
}

export function describeAnswer(answer: Answer): ResultView {
  switch (answer.outcome) {
    case 'recorded': {
      const { student, attendance } = answer;
      const name = student.firstName;
      const time = attendance.localTime;
      if (attendance.kind === 'check_out') {
        return view('success', 'leave', say('greeting.goodbye', { name }), say('greeting.checkedOut', { time }), GREETING_MS);
      }
      const late = attendance.status === 'late';
      return {
        ...view(late ? 'late' : 'success', late ? 'clock' : 'check', say(`greeting.${partOfDay(time)}`, { name }), say('greeting.checkedIn', { time }), GREETING_MS),
        badge: late
          ? { kind: 'late', icon: 'clock', text: say('greeting.late') }
          : { kind: 'on_time', icon: 'check', text: say('greeting.onTime') },
      };
    }
    case 'already_recorded': {
      const name = answer.student.firstName;
      const time = answer.attendance.localTime;
      return answer.attendance.kind === 'check_out'
        ? view('info', 'info', say('greeting.alreadyOut', { name }), say('greeting.alreadyOutAt', { time }), GREETING_MS)
        : view('info', 'info', say('greeting.alreadyIn', { name }), say('greeting.alreadyInAt', { time }), GREETING_MS);
    }
    case 'not_recognised':
      return { ...view('neutral', 'question', say('result.notRecognised'), say('result.notRecognisedDetail')), offerPad: true };
    case 'needs_second_factor':
      return view('info', 'info', say('pad.needsSecondFactor'), say('pad.cardTip'));
    case 'unknown_card':
      return view('warn', 'card', say('result.unknownCard'), say('result.unknownCardDetail'));
    case 'wrong_pin':
      return view('warn', 'alert', say('pad.wrongPin'), say('pad.wrongPinDetail'));
    case 'pin_locked': {
      if (answer.scope === 'kiosk') {
        return view('warn', 'lock', say('result.padPaused'), say('result.padPausedDetail', { seconds: Math.max(1, answer.retryAfterSeconds) }));
      }
      const minutes = Math.max(1, Math.ceil(answer.retryAfterSeconds / 60));
      const detail = minutes === 1 ? say('result.pinLockedDetailOne') : say('result.pinLockedDetail', { minutes });
      return view('warn', 'lock', say('result.pinLocked'), detail);
    }
    case 'closed':
      return answer.reason === 'not_school_day'
        ? view('neutral', 'moon', say('result.closedDay'), say('result.closedDayDetail'), GREETING_MS)
        : view('neutral', 'moon', say('result.closedHours'), say('result.closedHoursDetail'), GREETING_MS);
    case 'failed':
      return view('warn', 'alert', say('result.failed'), say('result.failedDetail'));
  }
}
