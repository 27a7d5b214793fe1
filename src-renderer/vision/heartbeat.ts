// Turns the worker's frame reports into the heartbeat the core's watchdog reads. Pure: the clock is
// passed in.
import type { Heartbeat, HeartbeatResponse } from '../../src-preload/contract';
import type { FrameReport } from './types';

/** No camera frame for this long means the camera is stalled (unplugged, driver hung). */
export const STALL_MS = 3000;
const FPS_WINDOW_MS = 2000;
const TIMING_SAMPLES = 60;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function createHeartbeatMeter() {
  const frameTimes: number[] = [];
  const detect: number[] = [];
  const embed: number[] = [];
  let framesProcessed = 0;
  let mediaSeconds = 0;
  let lastFrameAt: number | null = null;
  let cameraError: string | null = null;
  let visionState: Heartbeat['visionState'] = 'loading';
  let visionError: string | null = null;

  const keep = (list: number[], v: number) => {
    list.push(v);
    if (list.length > TIMING_SAMPLES) list.shift();
  };

  return {
    /** A processed frame. `now` is the page's clock when the report arrived. */
    frame(report: FrameReport, now: number): void {
      framesProcessed++;
      mediaSeconds = Math.max(mediaSeconds, report.mediaSeconds);
      lastFrameAt = now;
      frameTimes.push(now);
      keep(detect, report.detectMs);
      if (report.embedMs !== null) keep(embed, report.embedMs);
    },
    /** A camera frame that was not processed (models still loading). */
    alive(seconds: number, now: number): void {
      mediaSeconds = Math.max(mediaSeconds, seconds);
      lastFrameAt = now;
    },
    vision(state: Heartbeat['visionState'], error?: string): void {
      visionState = state;
      visionError = error ?? null;
    },
    cameraFailed(message: string): void {
      cameraError = message;
    },
    beat(now: number): Heartbeat {
      while (frameTimes.length > 0 && now - frameTimes[0]! > FPS_WINDOW_MS) frameTimes.shift();
      const cameraState: Heartbeat['cameraState'] = cameraError
        ? 'error'
        : lastFrameAt === null
          ? 'starting'
          : now - lastFrameAt > STALL_MS
            ? 'stalled'
            : 'running';
      const error = cameraError ?? visionError;
      const detectMsP50 = median(detect);
      const embedMsP50 = median(embed);
      return {
        fps: Math.min(240, (frameTimes.length * 1000) / FPS_WINDOW_MS),
        framesProcessed,
        mediaSeconds,
        cameraState,
        visionState,
        ...(detectMsP50 !== undefined ? { detectMsP50 } : {}),
        ...(embedMsP50 !== undefined ? { embedMsP50 } : {}),
        ...(error ? { error: error.slice(0, 500) } : {}),
        ...(lastFrameAt !== null ? { lastFrameAgeMs: Math.max(0, now - lastFrameAt) } : {}),
      };
    },
  };
}

/** What the page can do when the core's watchdog asks (through the heartbeat's answer). */
export interface WatchdogPage {
  reload(): void;
  reopenCamera(): void;
}

/** Carries out the watchdog's command, if the answer has one. */
export function obeyWatchdog(response: HeartbeatResponse, page: WatchdogPage): void {
  if (response.command === 'reload') page.reload();
  else if (response.command === 'reopen-camera') page.reopenCamera();
}
