// Keeps a board fresh by polling. The serve host has no push channel, so the screen asks every few
// seconds with the version it holds; the core answers "unchanged" from a few indexed lookups and
// sends the whole board only when a record, correction, excuse or the hour changed. A kiosk's
// check-in therefore shows within one poll, at almost no cost while nothing happens.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Board, KioskApi } from '../../../src-preload/contract';

export const BOARD_POLL_MS = 3000;

export function useBoard(api: KioskApi, opts: { session?: string; date?: string; live: boolean }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const version = useRef<string | undefined>(undefined);
  const { session, date, live } = opts;

  const refresh = useCallback(async () => {
    try {
      const answer = await api.invoke('attendance:board', { session, date, sinceVersion: version.current });
      setError(null);
      if (answer.unchanged) return;
      version.current = answer.version;
      setBoard(answer);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, session, date]);

  useEffect(() => {
    version.current = undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (!stopped && live) timer = setTimeout(() => void tick(), BOARD_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh, live]);

  /** After the office changes something: fetch at once instead of waiting for the next poll. */
  const reload = useCallback(() => {
    version.current = undefined;
    void refresh();
  }, [refresh]);

  return { board, error, reload };
}
