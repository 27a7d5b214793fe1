// What the kiosk screen shows, and the only ways it changes. The store never decides who someone is:
// it holds what the camera reported and what the core answered, and routes each answer to a phase.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CheckInResult, Heartbeat, KioskStatus } from '../../src-preload/contract';
import type { FrameReport } from '../vision/types';
import { noHint, settleHint, type SettledHint } from './guidance';

export type CheckInVia = 'face' | 'card' | 'pin';

/** What the core answered, or 'failed' when it could not be asked or did not answer. */
export type Answer = CheckInResult | { outcome: 'failed' };
export type Outcome = Answer['outcome'];

export interface ShownAnswer {
  /** Increases with every answer, so the screen and the sound can tell a new answer from an old one. */
  id: number;
  via: CheckInVia;
  answer: Answer;
}

/** idle: camera + prompt; result: an answer shown large; pin: the on-screen keypad. */
export type Phase = 'idle' | 'result' | 'pin';

export type PadField = 'studentNumber' | 'pin';
/** Answers that keep the student on the keypad, shown above it. */
export type PadNoticeKind = 'needs_second_factor' | 'wrong_pin' | 'failed';

export interface PadInput {
  field: PadField;
  studentNumber: string;
  pin: string;
  notice: PadNoticeKind | null;
}

export const STUDENT_NUMBER_MAX = 32;
export const PIN_MAX = 8;
const PIN_MIN = 4;

export interface KioskData {
  status: KioskStatus | null;
  /** performance.now() when `status` arrived; the clock on screen runs on from there. */
  statusAt: number;
  connection: 'connecting' | 'online' | 'offline';
  camera: Heartbeat['cameraState'];
  faces: Heartbeat['visionState'];
  face: FrameReport['face'];
  hint: SettledHint;
  pending: CheckInVia | null;
  phase: Phase;
  lastAnswer: ShownAnswer | null;
  pad: PadInput;
}

export interface KioskActions {
  statusReceived(status: KioskStatus, at: number): void;
  statusFailed(): void;
  visionStarted(): void;
  visionFailed(): void;
  heartbeatSeen(h: Heartbeat): void;
  frameSeen(report: FrameReport, now: number): void;
  asking(via: CheckInVia): void;
  answered(via: CheckInVia, answer: Answer): void;
  /** Back to idle, unless a newer answer has replaced the one with `id` meanwhile. */
  dismissAnswer(id: number): void;
  openPad(): void;
  closePad(): void;
  focusField(field: PadField): void;
  editField(field: PadField, value: string): void;
  pressDigit(digit: string): void;
  pressDelete(): void;
  /** The student number is in: move on to the PIN. */
  confirmStudentNumber(): void;
}

export type KioskState = KioskData & KioskActions;

export type KioskStore = StoreApi<KioskState>;

const emptyPad: PadInput = { field: 'studentNumber', studentNumber: '', pin: '', notice: null };

/** Keeps a field to what the contract accepts, whether typed on a keyboard or the keypad. */
export function cleanField(field: PadField, value: string): string {
  return field === 'pin'
    ? value.replace(/\D/g, '').slice(0, PIN_MAX)
    : value.replace(/\s/g, '').slice(0, STUDENT_NUMBER_MAX);
}

export function pinIsComplete(pin: string): boolean {
  return pin.length >= PIN_MIN && pin.length <= PIN_MAX;
}

export function createKioskStore(): KioskStore {
  let answers = 0;
  return createStore<KioskState>()((set, get) => {
    const edit = (field: PadField, value: string) =>
      set((s) => ({ pad: { ...s.pad, field, [field]: cleanField(field, value) } }));

    return {
      status: null,
      statusAt: 0,
      connection: 'connecting',
      camera: 'starting',
      faces: 'loading',
      face: null,
      hint: noHint,
      pending: null,
      phase: 'idle',
      lastAnswer: null,
      pad: emptyPad,

      statusReceived: (status, at) => set({ status, statusAt: at, connection: 'online' }),
      statusFailed: () => set({ connection: 'offline' }),
      visionStarted: () => set({ camera: 'running' }),
      visionFailed: () => set({ camera: 'error', faces: 'error', face: null, hint: noHint }),
      heartbeatSeen: (h) => set({ camera: h.cameraState, faces: h.visionState }),
      frameSeen: (report, now) =>
        set((s) => ({ face: report.face, hint: settleHint(s.hint, report.face?.hint ?? null, now) })),

      asking: (via) => set({ pending: via }),
      answered: (via, answer) => {
        const lastAnswer = { id: ++answers, via, answer };
        const { outcome } = answer;
        if (outcome === 'needs_second_factor') {
          set({ pending: null, lastAnswer, phase: 'pin', pad: { ...emptyPad, notice: outcome } });
        } else if (via === 'pin' && (outcome === 'wrong_pin' || outcome === 'failed')) {
          // Try again without typing the student number again.
          set({ pending: null, lastAnswer, phase: 'pin', pad: { ...get().pad, field: 'pin', pin: '', notice: outcome } });
        } else {
          set({ pending: null, lastAnswer, phase: 'result', pad: emptyPad });
        }
      },
      dismissAnswer: (id) => {
        if (get().phase === 'result' && get().lastAnswer?.id === id) set({ phase: 'idle' });
      },

      openPad: () => set({ phase: 'pin', pad: emptyPad }),
      closePad: () => set({ phase: 'idle', pad: emptyPad }),
      focusField: (field) => set((s) => ({ pad: { ...s.pad, field } })),
      editField: edit,
      pressDigit: (digit) => {
        const { field, [field]: value } = get().pad;
        edit(field, value + digit);
      },
      pressDelete: () => {
        const { field, [field]: value } = get().pad;
        edit(field, value.slice(0, -1));
      },
      confirmStudentNumber: () => {
        if (get().pad.studentNumber) set((s) => ({ pad: { ...s.pad, field: 'pin' } }));
      },
    };
  });
}
