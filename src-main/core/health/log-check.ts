// The log file's health: a full disk makes the kiosk drop log lines rather than stop (log-space.ts);
// IT should know the log has gaps, but it never stops attendance, so it warns at most.
import type { LogFileHealth } from '../log-space.js';
import type { CheckResult } from './checks.js';

export function logFileCheck(l: LogFileHealth, now: Date): CheckResult {
  const status = l.failing ? 'warn' : 'pass';
  return {
    componentType: 'system',
    status,
    time: now.toISOString(),
    observedValue: l.droppedLines,
    observedUnit: 'lines dropped',
    ...(l.lastErrorAt ? { lastErrorAt: l.lastErrorAt.toISOString() } : {}),
    ...(l.failing ? { output: `log lines are being dropped: the log file cannot be written (${l.lastError ?? 'error'}); free space on the data disk` } : {}),
  };
}
