// Today's board, live: who is in, late, not yet here, absent or gone home, at a glance; above it, a
// held absence report and the office's way to send it.
import type { AdminSectionProps } from '../section';
import { BoardScreen } from '../attendance/BoardScreen';
import { HeldReportNotice } from './HeldReportNotice';

export function TodaySection({ api }: AdminSectionProps) {
  return (
    <>
      <HeldReportNotice api={api} />
      <BoardScreen api={api} live />
    </>
  );
}
