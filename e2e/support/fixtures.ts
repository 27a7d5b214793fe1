// Face photos of real people live outside the repository (../shared/fixtures). Tests that need them
// skip with this message where they are absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = process.env.ROLLCALL_FIXTURES ?? join(repoRoot, '..', 'shared', 'fixtures');
export const facesDir = join(fixturesDir, 'faces');
export const cameraVideoTool = process.env.ROLLCALL_CAMERA_TOOL ?? join(repoRoot, '..', 'shared', 'tools', 'make-camera-video');

export function face(identity: string, file: string): string {
  return join(facesDir, identity, file);
}

/** false when everything is there, else the reason to skip. */
export function missingFixtures(): string | false {
  if (!existsSync(facesDir)) return `face fixtures not found at ${facesDir} (set ROLLCALL_FIXTURES): photos of real people are not in the repository`;
  if (!existsSync(cameraVideoTool)) return `camera clip tool not found at ${cameraVideoTool}`;
  if (!existsSync('/usr/bin/ffmpeg')) return 'ffmpeg is not installed (apt-get install ffmpeg)';
  if (!existsSync(process.env.ROLLCALL_CHROMIUM ?? '/usr/bin/chromium')) return 'chromium is not installed (apt-get install chromium)';
  return false;
}
