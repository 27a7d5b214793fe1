// The kiosk session under the admin screen: while the office has the screen open, the camera
// pipeline is stopped (no face behind the office's screen is checked in, and enrolment has the
// camera to itself) and the page tells the core its camera is paused; closing the screen brings the
// pipeline back and faces are asked about again. The pipeline here is a stand-in that offers faces
// on demand; the session, store and contract are the real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaceEvidence, Heartbeat, KioskApi, VisionSettings } from '../../src-preload/contract.js';
import { createKioskSession } from '../../src-renderer/app/kiosk-session.js';
import { createKioskStore } from '../../src-renderer/state/kiosk-store.js';
import type { FaceAnswer, VisionOptions } from '../../src-renderer/vision/types.js';

const settings: VisionSettings = {
  modelId: 'faceapi-resnet128-fapi-v1',
  detector: 'full',
  agreeFrames: 3,
  quality: { minEyeDistancePx: 40, maxCentreOffset: 0.3, maxYawDeg: 30, maxRollDeg: 20, minSharpness: 1, minBrightness: 40, maxBrightness: 220, maxContrast: 120, maxDarkShare: 0.5 },
};
const evidence: FaceEvidence = { modelId: settings.modelId, embeddings: [new Array(128).fill(0.1)], quality: 0.9 };

function kioskUnderTest() {
  const identified: FaceEvidence[] = [];
  const beats: Heartbeat[] = [];
  const api = {
    async invoke(channel: string, request: unknown) {
      switch (channel) {
        case 'kiosk:status':
          return { schoolName: 'Hill School', timezone: 'Europe/London', locale: 'en-GB', language: 'en', localDate: '2026-12-07', localTime: '07:05', session: 'morning', checkedInToday: 0, faceRecognition: true };
        case 'kiosk:vision-settings':
          return settings;
        case 'kiosk:heartbeat':
          beats.push(request as Heartbeat);
          for (const w of beatWaiters) w();
          beatWaiters = [];
          return { ok: true };
        case 'kiosk:identify':
          identified.push(request as FaceEvidence);
          return { outcome: 'recorded', student: { firstName: 'Ana', displayName: 'Ana Silva' }, attendance: { kind: 'check_in', status: 'on_time', localTime: '07:05', session: 'morning', minutesLate: 0 } };
        default:
          throw new Error(`unexpected channel ${channel}`);
      }
    },
  } as KioskApi;
  // Each started pipeline, and whether it is still running: the camera it holds.
  const pipelines: Array<{ opts: VisionOptions; running: boolean }> = [];
  let failing = false;
  let beatWaiters: Array<() => void> = [];
  const session = createKioskSession({
    api,
    store: createKioskStore(),
    assetsBase: 'http://127.0.0.1/',
    reloadPage: () => assert.fail('the watchdog must not reload the page'),
    startVision: async (opts) => {
      if (failing) {
        failing = false;
        throw new Error('NotReadableError: the camera is in use');
      }
      const p = { opts, running: true };
      pipelines.push(p);
      return { stop: async () => void (p.running = false) };
    },
  });
  const running = () => pipelines.filter((p) => p.running);
  /** A face in front of the camera, as the running pipeline's tracker would offer it. */
  const faceSeen = (): Promise<FaceAnswer> => {
    const [p] = running();
    assert.ok(p, 'a pipeline is running');
    return p.opts.onFace(evidence);
  };
  const failNextStart = () => void (failing = true);
  const nextBeat = () => new Promise<void>((resolve) => beatWaiters.push(resolve));
  return { session, identified, beats, pipelines, running, faceSeen, failNextStart, nextBeat };
}

const video = {} as HTMLVideoElement;

test('while the admin screen is open the camera pipeline is stopped and nobody is checked in; closing it checks faces in again', async () => {
  const k = kioskUnderTest();
  await k.session.start(video);
  assert.equal(k.running().length, 1);

  const offeredBefore = k.running()[0]!.opts;
  await k.session.pause();
  assert.equal(k.running().length, 0, 'the camera is released for the admin screen');
  // A face the old pipeline had already tracked is kept for later, not asked about.
  assert.equal(await offeredBefore.onFace(evidence), 'retry');
  offeredBefore.onCard('1001');
  assert.equal(k.identified.length, 0);
  assert.deepEqual([k.beats.at(-1)?.cameraState, k.beats.at(-1)?.visionState], ['paused', 'paused'], 'the page still reports, saying why there are no frames');

  await k.session.resume();
  assert.equal(k.running().length, 1);
  assert.equal(await k.faceSeen(), 'done');
  assert.equal(k.identified.length, 1);
  await k.session.stop();
});

test('opening and closing the admin screen in quick succession never leaves two pipelines on the camera', async () => {
  const k = kioskUnderTest();
  await k.session.start(video);
  await Promise.all([k.session.pause(), k.session.resume(), k.session.pause(), k.session.resume()]);
  assert.equal(k.running().length, 1);
  await Promise.all([k.session.resume(), k.session.pause()]);
  assert.equal(k.running().length, 0);
  await k.session.stop();
});

test('a kiosk page opened with the admin screen showing starts no pipeline until the screen closes', async () => {
  const k = kioskUnderTest();
  const starting = k.session.start(video);
  await k.session.pause();
  await starting;
  assert.equal(k.pipelines.length, 0);
  assert.equal(k.beats.at(-1)?.cameraState, 'paused');
  await k.session.resume();
  assert.equal(k.running().length, 1);
  await k.session.stop();
});

test('a pipeline that will not start again after the admin screen closes is reported as a camera fault, not as paused', async () => {
  const k = kioskUnderTest();
  await k.session.start(video);
  k.running()[0]!.opts.onHeartbeat({ fps: 25, framesProcessed: 100, mediaSeconds: 4, cameraState: 'running', visionState: 'ready' });
  await k.session.pause();
  k.failNextStart();
  await k.session.resume();
  // The idle beat runs every 2 s; its first word is what the watchdog will act on.
  await k.nextBeat();
  assert.deepEqual([k.beats.at(-1)?.cameraState, k.beats.at(-1)?.visionState], ['stalled', 'ready']);
  await k.session.stop();
});
