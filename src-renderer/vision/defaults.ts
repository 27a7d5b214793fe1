// Default vision settings: what the diagnostics page uses, and the values the core's
// 'kiosk:vision-settings' answer should start from. Thresholds are for a 640 × 480 camera; light and
// sharpness are measured on the face region of the 150 px aligned crop (align.ts FACE_REGION).
import type { VisionSettings } from '../../src-preload/contract';
import { FACEAPI_MODEL_ID } from './model-id';
import type { PhotoQualitySettings } from './quality';

export const defaultVisionSettings: VisionSettings = {
  modelId: FACEAPI_MODEL_ID,
  detector: 'full',
  agreeFrames: 3,
  quality: {
    // 40 px between the eyes ≈ 1 m from a 60° webcam; face-api identifies ≥ 94 % at 32 px (§3b).
    minEyeDistancePx: 40,
    // Seed: centre offset ≤ 25 % of the frame on both axes.
    maxCentreOffset: 0.25,
    // Frontal fixture photos measure |yaw| ≤ 25° (p95), three-quarter portraits 35–45°.
    maxYawDeg: 30,
    // Roll is levelled by the alignment; a strong tilt still means an unusual pose.
    maxRollDeg: 30,
    // Seed's 40. Fixture faces through the fake camera measure 150–1000; a face upscaled from
    // 20 px between the eyes measures ~30.
    minSharpness: 40,
    // Seed: mean grey in [40, 220], grey std < 70, dark share < 40 %. Fixture faces through the
    // camera: mean 115–180, std 41–61, dark 1–11 %; the same clip at gamma 0.4: dark 31 %.
    minBrightness: 40,
    maxBrightness: 220,
    maxContrast: 70,
    maxDarkShare: 0.4,
  },
};

/** Enrolment photos: at 24 px between the eyes face-api still identified 100 % on full-range keypoints (§3b). */
export const photoQuality: PhotoQualitySettings = {
  minEyeDistancePx: 24,
  maxYawDeg: 35,
  maxRollDeg: 45,
};
