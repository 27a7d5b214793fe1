// Runs `src-main/serve.ts` as its own process, exactly as `npm run serve` does, and hands back its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from './fixtures.js';

export interface ServeProcess {
  url: string;
  /** The health server's base URL (a free port unless the test chose one). */
  healthUrl(): Promise<string>;
  /** The delivery-report webhook's URL, ending /sms-webhook (a free port unless the test chose one). */
  webhookUrl(): Promise<string>;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startServe(args: string[]): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', '--port', '0', '--health-port', '0', '--webhook-port', '0', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  let onOut: (() => void) | null = null;
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    onOut?.();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const seen = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const m = pattern.exec(out);
        if (m) resolve(m[1]!);
      };
      onOut = look;
      look();
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${err}`)));
    });
  const url = await seen(/Rollcall kiosk at (http:\/\/\S+)/);
  return {
    url,
    healthUrl: () => seen(/Health at (http:\/\/\S+)\/health/),
    webhookUrl: () => seen(/Delivery reports at (http:\/\/\S+)/),
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Runs a repository command-line script to completion. */
export function runScript(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}
