// Applies the autostart plan: a Windows login item, or nothing on Linux where the systemd user
// unit starts the kiosk (config/systemd/rollcall-kiosk.service).
import { app } from 'electron';
import { autostartPlan } from '../core/shell-policy/autostart.js';
import type { Logger } from '../core/log.js';

export function applyAutostart(enabled: boolean, log: Logger): void {
  const plan = autostartPlan({ platform: process.platform, packaged: app.isPackaged, enabled, execPath: process.execPath });
  if (plan.kind === 'login-item') app.setLoginItemSettings(plan.settings);
  log.info('autostart', plan.kind === 'none' ? { kind: plan.kind, reason: plan.reason } : { kind: plan.kind });
}
