// The kiosk's conversation with the core: it keeps the status fresh, starts the camera pipeline, and
// turns each face, card and PIN into one question to the core, one at a time. `stop()` undoes `start()`.
// While the admin screen is open over the kiosk, `pause()` stops the camera pipeline (nobody behind
// the office's screen is checked in, and face enrolment has the camera to itself); `resume()` brings it back.
import type { FaceEvidence, Heartbeat, KioskApi, VisionSettings } from '../../src-preload/contract';
import type { FaceAnswer, StartVision, VisionHandle } from '../vision/types';
import { obeyWatchdog } from '../vision/heartbeat';
import type { Answer, CheckInVia, KioskStore } from '../state/kiosk-store';
import { createCardScans } from './card-scans';

const STATUS_REFRESH_MS = 30_000;
const SETTINGS_RETRY_MS = 5_000;
/** Without a running camera pipeline the session itself tells the core the page is alive. */
const IDLE_HEARTBEAT_MS = 2_000;

export interface KioskSession {
  start(video: HTMLVideoElement): Promise<void>;
  stop(): Promise<void>;
  checkInWithPin(studentNumber: string, pin: string): Promise<void>;
  /** Asks for the status now (after settings changed) instead of at the next refresh. */
  refreshStatus(): Promise<void>;
  /** The admin screen opened: stop checking in from the camera and release it; the page keeps beating. */
  pause(): Promise<void>;
  /** The admin screen closed: open the camera pipeline again. */
  resume(): Promise<void>;
}

export interface KioskSessionDeps {
  api: KioskApi;
  store: KioskStore;
  startVision: StartVision;
  /** Absolute URL the models and WASM are served under (the page's own origin). */
  assetsBase: string;
  /**
   * When given, every frame's face/no-face is appended with the page time it was captured (arrival
   * minus the worker's processing), so a benchmark can time a face appearing to the greeting.
   */
  frameTrace?: Array<{ capturedAt: number; face: boolean }>;
  /** The watchdog's "reload" (a fresh page); defaults to reloading the document. */
  reloadPage?: () => void;
  /**
   * A desk browser opened at /#admin, not the kiosk screen: it never sends heartbeats, so closing it
   * is no stale kiosk for the watchdog and health, and its paused camera is not the kiosk's.
   */
  desk?: boolean;
}

export function createKioskSession({ api, store, startVision, assetsBase, frameTrace, reloadPage, desk = false }: KioskSessionDeps): KioskSession {
  // Each start() is one run; stop() ends it, so a late answer from an old run changes nothing.
  let run = 0;
  let statusTimer: ReturnType<typeof setInterval> | undefined;
  let wakeRetry: (() => void) | undefined;
  let vision: VisionHandle | undefined;
  let questions: Promise<unknown> = Promise.resolve();
  const cards = createCardScans();
  const pageId = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  let idleBeat: ReturnType<typeof setInterval> | undefined;
  let lastBeat: Heartbeat | null = null;
  let video: HTMLVideoElement | null = null;
  let settings: VisionSettings | null = null;
  let reopening = false;
  let paused = false;
  // Starting, stopping and re-opening the pipeline take turns, so a quick open-and-close of the admin
  // screen can never leave two pipelines on one camera.
  let cameraTurns: Promise<void> = Promise.resolve();
  const takeTurn = (op: () => Promise<void>): Promise<void> => (cameraTurns = cameraTurns.then(op).catch((err: unknown) => console.error('Camera pipeline change failed', err)));

  async function refreshStatus(): Promise<void> {
    try {
      store.getState().statusReceived(await api.invoke('kiosk:status', {}), performance.now());
    } catch (err) {
      if (store.getState().connection !== 'offline') console.error('Kiosk status unavailable; retrying', err);
      store.getState().statusFailed();
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeRetry = () => { clearTimeout(timer); resolve(); };
    });
  }

  /** The core may still be starting: keep asking until it answers or the run ends. */
  async function loadVisionSettings(isCurrent: () => boolean): Promise<VisionSettings | null> {
    for (let attempt = 0; isCurrent(); attempt++) {
      try {
        return await api.invoke('kiosk:vision-settings', {});
      } catch (err) {
        if (attempt === 0) console.error('Vision settings unavailable; retrying', err);
        await pause(SETTINGS_RETRY_MS);
      }
    }
    return null;
  }

  /** One question to the core at a time, in the order they came; never rejects. */
  function ask(via: CheckInVia, question: () => Promise<Answer>): Promise<Answer> {
    const asked = run;
    const next = questions.then(async (): Promise<Answer> => {
      store.getState().asking(via);
      let answer: Answer;
      try {
        answer = await question();
      } catch (err) {
        console.error(`Check-in by ${via} failed`, err);
        answer = { outcome: 'failed' };
      }
      if (asked !== run) return answer;
      store.getState().answered(via, answer);
      if (answer.outcome === 'recorded') void refreshStatus();
      return answer;
    });
    questions = next;
    return next;
  }

  async function onFace(evidence: FaceEvidence): Promise<FaceAnswer> {
    const s = store.getState();
    // With face check-in switched off the face is never sent; the track simply ends.
    if (s.status?.faceRecognition !== true) return 'done';
    // A frame already on its way when the admin screen opened: ask about this face after it closes.
    if (paused) return 'retry';
    // Someone is typing on the keypad, or the core is busy: ask about this face later.
    if (s.phase === 'pin' || s.pending) return 'retry';
    const answer = await ask('face', () => api.invoke('kiosk:identify', evidence));
    return answer.outcome === 'failed' ? 'retry' : 'done';
  }

  function onCard(code: string): void {
    if (paused) return;
    const scan = cards.scanned(code, performance.now());
    if (scan === 'ignore') return;
    if (scan === 'refuse') return void ask('card', async () => ({ outcome: 'unknown_card' }));
    void ask('card', () => api.invoke('kiosk:check-in-card', { code })).then((answer) => {
      if (answer.outcome === 'failed') cards.failed();
    });
  }

  function onHeartbeat(h: Heartbeat): void {
    lastBeat = h;
    sendBeat(h);
  }

  /** Reports `h` without taking it as the pipeline's own last word (the paused beats). */
  function sendBeat(h: Heartbeat): void {
    store.getState().heartbeatSeen(h);
    if (desk) return;
    // The core treats a missing heartbeat as the signal; a lost one is covered by the next.
    api.invoke('kiosk:heartbeat', { ...h, pageId }).then(
      (answer) => obeyWatchdog(answer, { reload: reloadPage ?? (() => window.location.reload()), reopenCamera: () => void reopenCamera() }),
      () => undefined,
    );
  }

  /**
   * With no pipeline running (the camera would not open), the page still beats, saying so, so the
   * watchdog re-opens the camera instead of reloading a page whose card and PIN pad work.
   */
  function beatWhileIdle(): void {
    clearInterval(idleBeat);
    idleBeat = setInterval(() => {
      const h = lastBeat ?? { fps: 0, framesProcessed: 0, mediaSeconds: 0, cameraState: 'error' as const, visionState: 'error' as const, error: 'the camera pipeline is not running' };
      onHeartbeat({ ...h, fps: 0, cameraState: h.cameraState === 'running' ? 'stalled' : h.cameraState });
    }, IDLE_HEARTBEAT_MS);
  }

  /**
   * The admin screen is open: the page is alive and says its camera and models are paused, so the
   * watchdog leaves it be and health warns instead of failing. (A desk browser opened on #admin sends nothing.)
   */
  function beatWhilePaused(): void {
    clearInterval(idleBeat);
    const beat = () => {
      const h = lastBeat;
      sendBeat({ fps: 0, framesProcessed: h?.framesProcessed ?? 0, mediaSeconds: h?.mediaSeconds ?? 0, visionState: 'paused', cameraState: 'paused' });
    };
    beat();
    idleBeat = setInterval(beat, IDLE_HEARTBEAT_MS);
  }

  async function startPipeline(isCurrent: () => boolean): Promise<void> {
    if (!video || !settings) return;
    if (paused) return beatWhilePaused();
    try {
      const handle = await startVision({
        video,
        settings,
        assetsBase,
        onFrame: (report) => {
          const now = performance.now();
          frameTrace?.push({ capturedAt: now - report.detectMs - (report.embedMs ?? 0), face: report.face !== null });
          store.getState().frameSeen(report, now);
        },
        onFace,
        onCard,
        onHeartbeat,
      });
      if (!isCurrent()) return void (await handle.stop());
      if (paused) {
        await handle.stop();
        return beatWhilePaused();
      }
      clearInterval(idleBeat);
      vision = handle;
      store.getState().visionStarted();
    } catch (err) {
      console.error('Camera or face pipeline failed to start; card and PIN remain', err);
      if (isCurrent()) {
        store.getState().visionFailed();
        beatWhileIdle();
      }
    }
  }

  /** The watchdog saw no frames: close the camera and the pipeline, and open them again. */
  async function reopenCamera(): Promise<void> {
    if (reopening || paused) return;
    reopening = true;
    const mine = run;
    try {
      await takeTurn(async () => {
        const stopping = vision;
        vision = undefined;
        await stopping?.stop();
        if (mine === run) await startPipeline(() => mine === run);
      });
    } finally {
      reopening = false;
    }
  }

  return {
    async start(el) {
      const mine = ++run;
      const isCurrent = () => mine === run;
      statusTimer = setInterval(() => void refreshStatus(), STATUS_REFRESH_MS);
      video = el;
      const [loaded] = await Promise.all([loadVisionSettings(isCurrent), refreshStatus()]);
      if (!loaded || !isCurrent()) return;
      settings = loaded;
      await takeTurn(() => startPipeline(isCurrent));
    },

    async stop() {
      run++;
      clearInterval(statusTimer);
      clearInterval(idleBeat);
      wakeRetry?.();
      const stopping = vision;
      vision = undefined;
      await stopping?.stop();
    },

    refreshStatus,

    async pause() {
      if (paused) return;
      paused = true;
      await takeTurn(async () => {
        if (!paused) return;
        const stopping = vision;
        vision = undefined;
        await stopping?.stop();
        beatWhilePaused();
      });
    },

    async resume() {
      if (!paused) return;
      paused = false;
      const mine = run;
      await takeTurn(async () => {
        if (paused || vision || mine !== run) return;
        clearInterval(idleBeat);
        await startPipeline(() => mine === run);
      });
    },

    async checkInWithPin(studentNumber, pin) {
      await ask('pin', () => api.invoke('kiosk:check-in-pin', { studentNumber, pin }));
    },
  };
}
