import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt keeps a stolen database from giving up 4-digit PINs by a quick table lookup.
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;
const format = (salt: Buffer, hash: Buffer) => `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;

export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

export function hashPin(pin: string, random: (n: number) => Buffer = randomBytes): string {
  if (!isValidPin(pin)) throw new Error('PIN must be 4 to 8 digits');
  return hashSecret(pin, random);
}

/** hashPin on libuv's thread pool: the event loop (the kiosk's door) keeps running while it works. */
export function hashPinAsync(pin: string, random: (n: number) => Buffer = randomBytes): Promise<string> {
  if (!isValidPin(pin)) return Promise.reject(new Error('PIN must be 4 to 8 digits'));
  const salt = random(16);
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEYLEN, { N, r: R, p: P }, (err, hash) => {
      if (err) reject(err);
      else resolve(format(salt, hash));
    });
  });
}

/** The same salted scrypt hash without the student PIN's length rule (admin PINs are longer). */
export function hashSecret(pin: string, random: (n: number) => Buffer = randomBytes): string {
  const salt = random(16);
  return format(salt, scryptSync(pin, salt, KEYLEN, { N, r: R, p: P }));
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(pin, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** verifyPin on libuv's thread pool, for checking a whole file's PINs while the kiosk runs. */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return Promise.resolve(false);
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  return new Promise((resolve, reject) => {
    scrypt(pin, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (err, actual) => {
      if (err) reject(err);
      else resolve(actual.length === expected.length && timingSafeEqual(actual, expected));
    });
  });
}
