// Talking to systemd: READY=1 once the kiosk is up, then WATCHDOG=1 every WATCHDOG_USEC/3, but only
// while the internal checks pass, so a wedged core is restarted by systemd (reliability.md 1.4: a hung
// main process cannot restart itself). Node has no unix datagram sockets, so the message goes through
// the `systemd-notify` binary (the unit needs NotifyAccess=all); it is behind `Notifier` for tests.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from '../log.js';

export interface Notifier {
  notify(state: string): Promise<void>;
}

const BINARIES = ['/usr/bin/systemd-notify', '/bin/systemd-notify'];

/** The `systemd-notify` binary, when running under systemd with a notify socket; otherwise null. */
export function systemdNotifier(env: NodeJS.ProcessEnv = process.env, binary = BINARIES.find((b) => existsSync(b))): Notifier | null {
  if (!env.NOTIFY_SOCKET || !binary) return null;
  return {
    notify: (state) =>
      new Promise((resolve, reject) => {
        execFile(binary, [state], { env: { ...process.env, ...env }, timeout: 5000 }, (err, _out, stderr) =>
          err ? reject(new Error(`systemd-notify ${state} failed: ${stderr.trim() || err.message}`)) : resolve(),
        );
      }),
  };
}

export interface SystemdWatchdogDeps {
  notifier: Notifier | null;
  env?: NodeJS.ProcessEnv;
  /** True while the core is fit to keep running (database writes, event loop). */
  healthy: () => boolean;
  log: Logger;
  pid?: number;
}

/** systemd's watchdog interval for this process, ms, or null when the unit has none. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv, pid: number): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return usec / 1000;
}

export function createSystemdWatchdog(deps: SystemdWatchdogDeps) {
  const env = deps.env ?? process.env;
  const interval = watchdogIntervalMs(env, deps.pid ?? process.pid);
  let timer: ReturnType<typeof setInterval> | undefined;
  let withheld = false;

  const send = (state: string) => deps.notifier?.notify(state).catch((e: Error) => deps.log.warn('systemd notify failed', { error: e.message }));

  /** One watchdog period: ping if healthy, stay silent (and say so once) if not. */
  async function tick(): Promise<boolean> {
    if (!deps.notifier) return false;
    if (!deps.healthy()) {
      if (!withheld) deps.log.warn('systemd watchdog ping withheld: internal checks failing');
      withheld = true;
      return false;
    }
    withheld = false;
    await send('WATCHDOG=1');
    return true;
  }

  return {
    /** The watchdog interval systemd asked for (ms), or null. */
    intervalMs: interval,
    tick,
    async start() {
      if (!deps.notifier) return;
      await send('READY=1');
      if (interval !== null) {
        timer = setInterval(() => void tick(), Math.max(1000, interval / 3));
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      if (deps.notifier) await send('STOPPING=1');
    },
  };
}
