// Verification and identification quality from labelled embeddings: what a kiosk threshold would do.
export interface Labelled {
  identity: string;
  file: string;
  embedding: Float32Array;
}

export interface VerificationReport {
  genuinePairs: number;
  impostorPairs: number;
  genuine: { mean: number; p5: number; min: number };
  impostor: { mean: number; p999: number; max: number };
  /** Lowest threshold with zero false accepts on this data (the highest impostor score). */
  zeroFaThreshold: number;
  tarAtZeroFa: number;
  eer: number;
  /** 1:N, one enrolment image per identity in turn, every other image a probe. */
  top1OneEnrolment: number;
  /** At given accept thresholds: share of genuine pairs accepted and impostor pairs accepted. */
  atThresholds: Array<{ threshold: number; tar: number; far: number }>;
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function verificationReport(items: Labelled[], thresholds: number[]): VerificationReport {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const s = dot(items[i]!.embedding, items[j]!.embedding);
      (items[i]!.identity === items[j]!.identity ? genuine : impostor).push(s);
    }
  }
  genuine.sort((a, b) => a - b);
  impostor.sort((a, b) => a - b);
  const maxImpostor = impostor[impostor.length - 1] ?? -1;
  const tarAt = (t: number) => genuine.filter((g) => g >= t).length / genuine.length;
  const farAt = (t: number) => impostor.filter((x) => x >= t).length / impostor.length;

  let eer = 1;
  let bestGap = Infinity;
  for (const t of [...genuine, ...impostor]) {
    const frr = 1 - tarAt(t);
    const far = farAt(t);
    if (Math.abs(frr - far) < bestGap) {
      bestGap = Math.abs(frr - far);
      eer = (frr + far) / 2;
    }
  }

  let correct = 0;
  let probes = 0;
  const identities = [...new Set(items.map((x) => x.identity))];
  const byId = new Map(identities.map((id) => [id, items.filter((x) => x.identity === id)]));
  const maxRotations = Math.max(...[...byId.values()].map((v) => v.length));
  for (let r = 0; r < maxRotations; r++) {
    const gallery = identities.flatMap((id) => {
      const imgs = byId.get(id)!;
      return imgs.length > 1 && r < imgs.length ? [{ id, e: imgs[r]! }] : [];
    });
    for (const g of gallery) {
      for (const probe of byId.get(g.id)!) {
        if (probe === g.e) continue;
        let best = { id: '', s: -Infinity };
        for (const c of gallery) {
          const s = dot(probe.embedding, c.e.embedding);
          if (s > best.s) best = { id: c.id, s };
        }
        probes++;
        if (best.id === g.id) correct++;
      }
    }
  }

  return {
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    genuine: { mean: mean(genuine), p5: quantile(genuine, 0.05), min: genuine[0] ?? NaN },
    impostor: { mean: mean(impostor), p999: quantile(impostor, 0.999), max: maxImpostor },
    zeroFaThreshold: maxImpostor,
    tarAtZeroFa: genuine.filter((g) => g > maxImpostor).length / genuine.length,
    eer,
    top1OneEnrolment: probes ? correct / probes : NaN,
    atThresholds: thresholds.map((t) => ({ threshold: t, tar: tarAt(t), far: farAt(t) })),
  };
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = (sorted.length - 1) * q;
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (idx - lo);
}
