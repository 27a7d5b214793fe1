// The kiosk's conversation with the core: it keeps the status fresh, starts the camera pipeline, and
// turns each face, card and PIN into one question to the core, one at a time. `stop()` undoes `start()`.
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
}

export function createKioskSession({ api, store, startVision, assetsBase, frameTrace, reloadPage }: KioskSessionDeps): KioskSession {
  // Each start() is one run; stop() ends it, so a late answer from an old run changes nothing.
  let run = 0;
  let statusTimer: ReturnType<typeof setInterval> | undefined;
  let wakeRetry: (() => void) | undefined;
  let vision: VisionHandle | undefined;
  let questions: Promise<unknown> = Promise.resolve();
  const cards = createCardScans();
  let idleBeat: ReturnType<typeof setInterval> | undefined;
  let lastBeat: Heartbeat | null = null;
  let video: HTMLVideoElement | null = null;
  let settings: VisionSettings | null = null;
  let reopening = false;

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
    // Someone is typing on the keypad, or the core is busy: ask about this face later.
    if (s.phase === 'pin' || s.pending) return 'retry';
    const answer = await ask('face', () => api.invoke('kiosk:identify', evidence));
    return answer.outcome === 'failed' ? 'retry' : 'done';
  }

  function onCard(code: string): void {
    const scan = cards.scanned(code, performance.now());
    if (scan === 'ignore') return;
    if (scan === 'refuse') return void ask('card', async () => ({ outcome: 'unknown_card' }));
    void ask('card', () => api.invoke('kiosk:check-in-card', { code })).then((answer) => {
      if (answer.outcome === 'failed') cards.failed();
    });
  }

  function onHeartbeat(h: Heartbeat): void {
    lastBeat = h;
    store.getState().heartbeatSeen(h);
    // The core treats a missing heartbeat as the signal; a lost one is covered by the next.
    api.invoke('kiosk:heartbeat', h).then(
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

  async function startPipeline(isCurrent: () => boolean): Promise<void> {
    if (!video || !settings) return;
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
    if (reopening) return;
    reopening = true;
    const mine = run;
    try {
      const stopping = vision;
      vision = undefined;
      await stopping?.stop();
      if (mine === run) await startPipeline(() => mine === run);
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
      await startPipeline(isCurrent);
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

    async checkInWithPin(studentNumber, pin) {
      await ask('pin', () => api.invoke('kiosk:check-in-pin', { studentNumber, pin }));
    },
  };
}
