// Simple statistics of a grey image, the inputs to the quality gate's light and sharpness checks.
// Pure: the caller gets the pixels (getImageData on the aligned face crop) and passes them in.

export interface ImageStats {
  /** Mean grey level 0..255. */
  mean: number;
  /** Standard deviation of grey levels (the seed's "contrast"). */
  std: number;
  /** Share of pixels darker than 50 (the seed's dark share), 0..1. */
  darkShare: number;
  /** Variance of the 4-neighbour Laplacian: low means blurred (motion or focus). */
  laplacianVar: number;
}

/** RGBA bytes → grey levels, ITU-R BT.601 weights (as OpenCV's cvtColor, which the seed used). */
export function toGrey(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    grey[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
  }
  return grey;
}

const DARK_LEVEL = 50;

export function imageStats(grey: Uint8Array, width: number, height: number): ImageStats {
  const n = width * height;
  let sum = 0;
  let sumSq = 0;
  let dark = 0;
  for (let i = 0; i < n; i++) {
    const v = grey[i]!;
    sum += v;
    sumSq += v * v;
    if (v < DARK_LEVEL) dark++;
  }
  const mean = n > 0 ? sum / n : 0;
  const std = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0;

  let lSum = 0;
  let lSumSq = 0;
  let m = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * grey[i]!;
      lSum += l;
      lSumSq += l * l;
      m++;
    }
  }
  const lMean = m > 0 ? lSum / m : 0;
  const laplacianVar = m > 0 ? lSumSq / m - lMean * lMean : 0;
  return { mean, std, darkShare: n > 0 ? dark / n : 0, laplacianVar };
}
