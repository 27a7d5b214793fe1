// How the kiosk restarts itself. Under systemd the unit's Restart=always is the supervisor: the
// app exits with a code systemd restarts on, because a child it relaunched itself would be killed
// with the old cgroup and two supervisors would fight. Elsewhere it relaunches itself.
export type RelaunchPlan = { kind: 'exit-for-supervisor'; exitCode: number } | { kind: 'relaunch' };

/** EX_TEMPFAIL: "try again", which the unit file restarts on (it restarts on any failure). */
export const SUPERVISOR_RESTART_CODE = 75;

export function underSystemd(env: Record<string, string | undefined>): boolean {
  return Boolean(env.INVOCATION_ID || env.NOTIFY_SOCKET);
}

export function relaunchPlan(env: Record<string, string | undefined>): RelaunchPlan {
  return underSystemd(env) ? { kind: 'exit-for-supervisor', exitCode: SUPERVISOR_RESTART_CODE } : { kind: 'relaunch' };
}
