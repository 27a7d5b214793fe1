// The hidden way in on the kiosk's touchscreen: hold the top-left corner for three seconds.
// Nothing shows, so students walking past do not find it; staff are told where it is.
import { useRef } from 'react';

const HOLD_MS = 3_000;

export function AdminCorner({ onOpen }: { onOpen(): void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div
      className="admin-corner"
      data-testid="admin-corner"
      aria-hidden="true"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(onOpen, HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
