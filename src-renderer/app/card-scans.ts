// Which codes the camera reads are worth a question to the core. The pipeline reports a card held up
// again every few seconds; it counts as a new check-in only after it has been out of view a while.
// A code the contract refuses (a QR code that is no student card, e.g. a long URL on a phone) is
// answered here as an unknown card once and then ignored for a minute: sent on, the core would refuse
// it with 400 on every sighting and the screen would say "something went wrong" each time.
import { cardCheckIn } from '../../src-preload/contract';

export type CardScan = 'ask' | 'refuse' | 'ignore';

export interface CardScanTimes {
  sameCardQuietMs: number;
  refusedForMs: number;
}

const DEFAULT_TIMES: CardScanTimes = { sameCardQuietMs: 5_000, refusedForMs: 60_000 };
/** A screenful of different refused codes at most; the oldest is forgotten first. */
const MAX_REFUSED = 32;

export function createCardScans(times: CardScanTimes = DEFAULT_TIMES) {
  let last = { code: '', at: -Infinity };
  const refused = new Map<string, number>();
  return {
    /** What to do with a code the camera read at `now` (ms, the page's monotonic clock). */
    scanned(code: string, now: number): CardScan {
      for (const [c, until] of refused) if (until <= now) refused.delete(c);
      if (refused.has(code)) return 'ignore';
      const seenRecently = code === last.code && now - last.at < times.sameCardQuietMs;
      last = { code, at: now };
      if (seenRecently) return 'ignore';
      if (cardCheckIn.safeParse({ code }).success) return 'ask';
      if (refused.size >= MAX_REFUSED) refused.delete(refused.keys().next().value!);
      refused.set(code, now + times.refusedForMs);
      return 'refuse';
    },
    /** The core could not be asked (offline, server error): the next sighting asks again. */
    failed(): void {
      last = { code: '', at: -Infinity };
    },
  };
}
