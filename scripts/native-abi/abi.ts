// Which Node ABI a native addon was built for, read from the binary itself. A V8-API addon exports
// node_register_module_v<ABI> (ELF, PE and Mach-O all keep the name as plain ASCII); an N-API addon
// exports napi_register_module_v1 and loads under any ABI. The folder name an addon sits in
// (bin/linux-x64-150/) proves nothing: the rebuild can silently write a Node build there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type AddonAbi = { kind: 'v8'; abi: number } | { kind: 'napi' } | { kind: 'not-an-addon' };

export function addonAbi(binary: Buffer): AddonAbi {
  const text = binary.toString('latin1');
  const v8 = /node_register_module_v(\d+)/.exec(text);
  if (v8) return { kind: 'v8', abi: Number(v8[1]) };
  if (text.includes('napi_register_module_v1')) return { kind: 'napi' };
  return { kind: 'not-an-addon' };
}

export interface AddonReport {
  file: string;
  abi: AddonAbi;
  ok: boolean;
}

function nodeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) return nodeFiles(p);
    return name.endsWith('.node') ? [p] : [];
  });
}

/** Every .node file under dir, judged against the ABI Electron expects. */
export function checkAddons(dir: string, expectedAbi: number): AddonReport[] {
  return nodeFiles(dir).map((file) => {
    const abi = addonAbi(readFileSync(file));
    return { file: relative(dir, file), abi, ok: abi.kind === 'napi' || (abi.kind === 'v8' && abi.abi === expectedAbi) };
  }).filter((r) => r.abi.kind !== 'not-an-addon');
}
