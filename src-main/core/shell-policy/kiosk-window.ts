// The kiosk window's options and the hardening every window must keep. The Electron adapter passes
// these options to BrowserWindow unchanged and then checks the web preferences Chromium actually
// applied, so a later edit that loosens one of them stops the kiosk instead of shipping.
export interface KioskWebPreferences {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInSubFrames: boolean;
  nodeIntegrationInWorker: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  experimentalFeatures: boolean;
  webviewTag: boolean;
  navigateOnDragDrop: boolean;
  backgroundThrottling: boolean;
  devTools: boolean;
  spellcheck: boolean;
  disableDialogs: boolean;
  autoplayPolicy: 'no-user-gesture-required';
}

export interface KioskWindowOptions {
  kiosk: boolean;
  fullscreen: boolean;
  frame: boolean;
  autoHideMenuBar: boolean;
  show: boolean;
  backgroundColor: string;
  webPreferences: KioskWebPreferences;
}

export interface KioskWindowInput {
  preload: string;
  /** A packaged build: no DevTools, no frame, kiosk mode. Development keeps DevTools. */
  production: boolean;
}

export function kioskWindowOptions(input: KioskWindowInput): KioskWindowOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#0b1a2b',
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // The heartbeat and the camera loop must keep running when the compositor thinks nobody looks.
      backgroundThrottling: false,
      devTools: !input.production,
      spellcheck: false,
      disableDialogs: true,
      // The greeting chime must play without a touch first.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** Preferences as Electron reports them back (webContents.getLastWebPreferences()). */
export interface AppliedPreferences {
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  devTools?: boolean;
}

/** What is wrong with a window's applied preferences; empty when it is locked down. */
export function hardeningProblems(applied: AppliedPreferences | null, production: boolean): string[] {
  if (!applied) return ['web preferences are not available'];
  const problems: string[] = [];
  if (applied.contextIsolation !== true) problems.push('contextIsolation is off');
  if (applied.sandbox !== true) problems.push('sandbox is off');
  if (applied.nodeIntegration === true) problems.push('nodeIntegration is on');
  if (applied.nodeIntegrationInSubFrames === true) problems.push('nodeIntegrationInSubFrames is on');
  if (applied.webSecurity === false) problems.push('webSecurity is off');
  if (applied.allowRunningInsecureContent === true) problems.push('allowRunningInsecureContent is on');
  if (applied.webviewTag === true) problems.push('webviewTag is on');
  if (production && applied.devTools !== false) problems.push('DevTools are enabled in a production build');
  return problems;
}

/** Visual zoom (pinch) is locked at 100 %: setVisualZoomLevelLimits(min, max). */
export const ZOOM_LIMITS = { min: 1, max: 1 } as const;
