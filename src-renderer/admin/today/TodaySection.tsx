// Today's board, live: who is in, late, not yet here, absent or gone home, at a glance.
import type { AdminSectionProps } from '../section';
import { BoardScreen } from '../attendance/BoardScreen';

export function TodaySection({ api }: AdminSectionProps) {
  return <BoardScreen api={api} live />;
}
