export function l2normalise(v: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(v.length);
  if (norm === 0 || !Number.isFinite(norm)) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Mean direction of several embeddings of one face (each normalised first so no frame dominates). */
export function meanDirection(vectors: ArrayLike<number>[]): Float32Array {
  const dim = vectors[0]?.length ?? 0;
  const acc = new Float32Array(dim);
  for (const v of vectors) {
    const n = l2normalise(v);
    for (let i = 0; i < dim; i++) acc[i]! += n[i]!;
  }
  return l2normalise(acc);
}

export function vectorToBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

export function blobToVector(b: Buffer): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}
