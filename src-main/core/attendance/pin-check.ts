// A wrong PIN for a known number costs one scrypt (~50 ms); an unknown, archived or PIN-less number
// must cost the same, or the pad's answer time tells a guesser which student numbers are real.
import { verifyPin } from '../people/pin.js';

/**
 * A hash of a random secret nobody kept, with the same scrypt parameters as every stored PIN. It is
 * only ever verified to spend the time; its result is thrown away.
 */
export const DUMMY_PIN_HASH = 'scrypt$16384$8$1$Xn7dwVDe5Aaja1ztAQLFhg==$karKIA9s8ZkID4T1gT2EjKm9pN8107wKzNsmUf0gvl8=';

/** True only when `stored` is a real hash the PIN matches; without one, the same work is done for nothing. */
export function pinMatches(pin: string, stored: string | null, verify: (pin: string, stored: string) => boolean = verifyPin): boolean {
  if (stored) return verify(pin, stored);
  verify(pin, DUMMY_PIN_HASH);
  return false;
}
