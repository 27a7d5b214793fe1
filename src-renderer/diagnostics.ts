// Camera diagnostics for IT: runs the kiosk's vision pipeline with default settings and shows what it
// sees. Nothing is checked in. Query: ?detector=short|full&k=3. A benchmark reads
// window.rollcallDiagnostics for the timings.
import type { Heartbeat, VisionSettings } from '../src-preload/contract';
import { defaultVisionSettings, startVision } from './vision/index';
import type { FrameReport } from './vision/types';

export interface RollcallDiagnostics {
  /** The last 2000 frame reports, oldest first. */
  reports: FrameReport[];
  asks: number;
  /** Camera media time (s) of the latest frame report when each ask arrived. */
  askTimes: number[];
  cards: string[];
  heartbeats: Heartbeat[];
  error: string | null;
}

declare global {
  interface Window {
    rollcallDiagnostics?: RollcallDiagnostics;
    /** Stops the pipeline (camera, worker); set once it has started. */
    rollcallStopVision?: () => Promise<void>;
  }
}

const MAX_REPORTS = 2000;

function settingsFromQuery(query: URLSearchParams): VisionSettings {
  const detector = query.get('detector');
  const k = Number(query.get('k'));
  return {
    ...defaultVisionSettings,
    detector: detector === 'short' || detector === 'full' ? detector : defaultVisionSettings.detector,
    agreeFrames: Number.isInteger(k) && k >= 1 && k <= 16 ? k : defaultVisionSettings.agreeFrames,
  };
}

const $ = (id: string) => document.getElementById(id)!;
const fmt = (v: number | undefined, digits = 1) => (v === undefined ? '–' : v.toFixed(digits));

const state: RollcallDiagnostics = { reports: [], asks: 0, askTimes: [], cards: [], heartbeats: [], error: null };
window.rollcallDiagnostics = state;

const video = $('preview') as HTMLVideoElement;
const overlay = $('overlay') as HTMLCanvasElement;
const ctx = overlay.getContext('2d')!;

function drawFace(report: FrameReport): void {
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  const f = report.face;
  if (!f) return;
  ctx.lineWidth = 3;
  ctx.strokeStyle = f.qualityOk ? '#3c6' : '#fc3';
  ctx.strokeRect(f.box.x * overlay.width, f.box.y * overlay.height, f.box.width * overlay.width, f.box.height * overlay.height);
}

async function main(): Promise<void> {
  const settings = settingsFromQuery(new URLSearchParams(window.location.search));
  $('detector').textContent = `${settings.detector} range, K = ${settings.agreeFrames}`;
  const handle = await startVision({
    video,
    settings,
    assetsBase: new URL('./', window.location.href).href,
    onFrame(report) {
      state.reports.push(report);
      if (state.reports.length > MAX_REPORTS) state.reports.shift();
      drawFace(report);
      $('fps').textContent = fmt(report.fps);
      $('face').textContent = report.face
        ? `${report.face.qualityOk ? 'good' : (report.face.hint ?? 'not good')} · agreeing ${report.face.agreeing}/${report.face.needed}`
        : 'none';
    },
    async onFace() {
      state.asks++;
      state.askTimes.push(state.reports[state.reports.length - 1]?.mediaSeconds ?? 0);
      $('asks').textContent = String(state.asks);
      return 'done';
    },
    onCard(code) {
      state.cards.push(code);
      $('cards').textContent = state.cards.join(', ');
    },
    onHeartbeat(h) {
      state.heartbeats.push(h);
      $('camera').textContent = `${h.cameraState}, ${h.framesProcessed} frames, ${fmt(h.mediaSeconds)} s`;
      $('vision').textContent = h.visionState;
      $('detect').textContent = fmt(h.detectMsP50);
      $('embed').textContent = fmt(h.embedMsP50);
      if (h.error) $('error').textContent = h.error;
    },
  });
  window.rollcallStopVision = () => handle.stop();
}

main().catch((e: unknown) => {
  state.error = String(e);
  $('error').textContent = `Could not start the camera: ${String(e)}`;
});
