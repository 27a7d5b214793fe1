import type { EnrolSample } from '../../../src-preload/contract';

/** A sample waiting for approval, with what to show for it (the camera's face crop or the photo). */
export interface PendingSample extends EnrolSample {
  key: string;
  /** Head turn of a camera sample (0 for photos), so the picker can tell a new pose from a copy. */
  yawDeg: number;
  preview: { kind: 'bitmap'; bitmap: ImageBitmap } | { kind: 'url'; url: string; label: string };
}

export function releasePreview(s: PendingSample): void {
  if (s.preview.kind === 'bitmap') s.preview.bitmap.close();
  else URL.revokeObjectURL(s.preview.url);
}
