// The kiosk screen's heartbeats as the core hears them: the newest one, and five minutes of recognition
// timings for the recogniser's p95. Health and the watchdog both read from here.
import type { Heartbeat } from '../../../src-preload/contract.js';
import type { RecognizerReading, ScreenReading } from './checks.js';

const WINDOW_MS = 5 * 60_000;

export function createScreenReports() {
  let latest: { at: Date; beat: Heartbeat } | null = null;
  let loadingSince: Date | null = null;
  const timings: { at: number; ms: number }[] = [];

  const prune = (now: Date) => {
    while (timings.length > 0 && now.getTime() - timings[0]!.at > WINDOW_MS) timings.shift();
  };

  return {
    record(beat: Heartbeat, at: Date): void {
      latest = { at, beat };
      if (beat.visionState === 'loading') loadingSince ??= at;
      else loadingSince = null;
      if (beat.detectMsP50 !== undefined) timings.push({ at: at.getTime(), ms: beat.detectMsP50 + (beat.embedMsP50 ?? 0) });
      prune(at);
    },
    latest: () => latest,
    screen(): ScreenReading | null {
      if (!latest) return null;
      const b = latest.beat;
      return {
        receivedAt: latest.at,
        fps: b.fps,
        cameraState: b.cameraState,
        visionState: b.visionState,
        ...(b.lastFrameAgeMs !== undefined ? { lastFrameAgeMs: b.lastFrameAgeMs } : {}),
        ...(b.error ? { error: b.error } : {}),
      };
    },
    recognizer(now: Date): RecognizerReading {
      prune(now);
      if (timings.length === 0) return { p95Ms: null, loadingSince };
      const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
      return { p95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!, loadingSince };
    },
  };
}

export type ScreenReports = ReturnType<typeof createScreenReports>;
