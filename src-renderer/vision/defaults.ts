// Default vision settings: what the diagnostics page uses, and the values the core's
// 'kiosk:vision-settings' answer should start from. Thresholds are for a 640 × 480 camera.
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
    maxYawDeg: 30,
    maxRollDeg: 30,
    minSharpness: 20,
    // Seed: mean grey in [40, 220], grey std < 70, dark share < 40 %.
    minBrightness: 40,
    maxBrightness: 220,
    maxContrast: 70,
    maxDarkShare: 0.4,
  },
};

export const photoQuality: PhotoQualitySettings = {
  minEyeDistancePx: 24,
  maxYawDeg: 35,
  maxRollDeg: 45,
};
