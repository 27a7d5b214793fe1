// A minimal QR encoder for tests (version 1, error correction M, byte mode, mask 0): enough to print a
// student-number card and show it to the camera. Follows ISO/IEC 18004 and Project Nayuki's reference
// implementation; not for production use.

const SIZE = 21;
const DATA_CODEWORDS = 16;
const EC_CODEWORDS = 10;

function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < result.length; j++) {
      result[j] = gfMul(result[j]!, root);
      if (j + 1 < result.length) result[j]! ^= result[j + 1]!;
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((coef, i) => (result[i]! ^= gfMul(coef, factor)));
  }
  return result;
}

function codewords(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  if (bytes.length > 14) throw new Error('qr-encode: at most 14 bytes fit version 1-M');
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, 8);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, DATA_CODEWORDS * 8 - bits.length));
  while (bits.length % 8) bits.push(0);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; data.length < DATA_CODEWORDS; pad ^= 0xec ^ 0x11) data.push(pad);
  return [...data, ...rsRemainder(data, rsDivisor(EC_CODEWORDS))];
}

/** The QR symbol as rows of booleans (true = dark), without the quiet zone. */
export function encodeQr(text: string): boolean[][] {
  const dark = Array.from({ length: SIZE }, () => new Array<boolean>(SIZE).fill(false));
  const fixed = Array.from({ length: SIZE }, () => new Array<boolean>(SIZE).fill(false));
  const set = (x: number, y: number, v: boolean) => {
    dark[y]![x] = v;
    fixed[y]![x] = true;
  };
  for (let i = 0; i < SIZE; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [[3, 3], [SIZE - 4, 3], [3, SIZE - 4]] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        set(x, y, d !== 2 && d !== 4);
      }
    }
  }
  // Format information: level M (00), mask 0 (000), BCH(15,5) remainder 0, XOR 0x5412.
  const format = (0 << 10) ^ 0x5412;
  const bit = (i: number) => ((format >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) set(8, i, bit(i));
  set(8, 7, bit(6));
  set(8, 8, bit(7));
  set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) set(SIZE - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) set(8, SIZE - 15 + i, bit(i));
  set(8, SIZE - 8, true);

  const data = codewords(text);
  let i = 0;
  for (let right = SIZE - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < SIZE; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? SIZE - 1 - vert : vert;
        if (fixed[y]![x] || i >= data.length * 8) continue;
        const v = ((data[i >>> 3]! >>> (7 - (i & 7))) & 1) === 1;
        dark[y]![x] = (x + y) % 2 === 0 ? !v : v; // mask 0
        i++;
      }
    }
  }
  return dark;
}

/** Grey pixels of the symbol with a 4-module quiet zone, `scale` px per module. */
export function qrGrey(text: string, scale: number): { width: number; height: number; grey: Uint8Array } {
  const m = encodeQr(text);
  const modules = SIZE + 8;
  const width = modules * scale;
  const grey = new Uint8Array(width * width).fill(255);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      if (!m[y]![x]) continue;
      for (let py = 0; py < scale; py++) grey.fill(0, ((y + 4) * scale + py) * width + (x + 4) * scale, ((y + 4) * scale + py) * width + (x + 5) * scale);
    }
  }
  return { width, height: width, grey };
}
