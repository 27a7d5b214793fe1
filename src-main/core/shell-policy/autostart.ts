// Starting with the machine. On Windows the kiosk registers itself as a login item of the kiosk
// user; on Linux a systemd user unit in the kiosk session starts it (config/systemd/), and
// Electron's login items do not exist there.
export interface AutostartInput {
  platform: string;
  /** Only an installed build registers itself; a development run must not. */
  packaged: boolean;
  enabled: boolean;
  execPath: string;
}

export type AutostartPlan =
  | { kind: 'login-item'; settings: { openAtLogin: boolean; path: string; args: string[] } }
  | { kind: 'systemd'; unit: string }
  | { kind: 'none'; reason: string };

export const SYSTEMD_UNIT = 'rollcall-kiosk.service';

export function autostartPlan(input: AutostartInput): AutostartPlan {
  if (!input.packaged) return { kind: 'none', reason: 'development run' };
  if (input.platform === 'win32') {
    return { kind: 'login-item', settings: { openAtLogin: input.enabled, path: input.execPath, args: [] } };
  }
  if (input.platform === 'linux') return { kind: 'systemd', unit: SYSTEMD_UNIT };
  return { kind: 'none', reason: `no autostart on ${input.platform}` };
}
