// Makes a fake-webcam clip from scenes with ../shared/tools/make-camera-video and returns its ground
// truth (which scene is on screen when), so tests can wait on camera time instead of wall time.
import { execFileSync } from 'node:child_process';
import { cameraVideoTool } from './fixtures.js';

export interface Scene {
  /** An image path, or 'blank'. */
  image: string;
  seconds: number;
}

export interface Clip {
  file: string;
  durationSeconds: number;
  truth: Array<{ start: number; end: number; scene: string }>;
}

export function makeCameraClip(file: string, scenes: Scene[], env: Record<string, string> = {}): Clip {
  const out = execFileSync(cameraVideoTool, [file, ...scenes.map((s) => `${s.image}:${s.seconds}`)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const truth = out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [start, end, scene] = line.split(',');
      return { start: Number(start), end: Number(end), scene: scene! };
    });
  return { file, durationSeconds: truth[truth.length - 1]?.end ?? 0, truth };
}

/** Chromium flags that make the clip the camera. */
export function fakeCameraArgs(clip: Clip): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${clip.file}`];
}
