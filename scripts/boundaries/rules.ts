// Which folder may import what. The architecture is enforced here, not hoped for: the core runs under
// plain Node (never Electron), and the renderer is a browser page (never Node or main-process code).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

interface Rule {
  name: string;
  folder: string;
  forbids(specifier: string, resolvedPath: string | null): boolean;
}

const NODE_BUILTINS = /^(node:|fs$|fs\/|path$|os$|child_process$|http$|https$|net$|crypto$|worker_threads$|url$|util$|stream$|events$|better-sqlite3$|playwright)/;

export const rules: Rule[] = [
  {
    name: 'src-main/core never imports electron or the hosts',
    folder: 'src-main/core',
    forbids: (s, p) => s === 'electron' || s.startsWith('electron/') || (p !== null && /src-main\/(electron|serve|cli)\//.test(p)),
  },
  {
    name: 'the renderer never imports Node, Electron or main-process code',
    folder: 'src-renderer',
    forbids: (s, p) => NODE_BUILTINS.test(s) || s === 'electron' || (p !== null && p.includes('/src-main/')),
  },
  {
    name: 'the contract imports nothing but zod and its own parts',
    folder: 'src-preload/contract.ts',
    forbids: (s, p) => s !== 'zod' && !(p !== null && p.includes('/src-preload/contract/')),
  },
  {
    name: 'the contract imports nothing but zod and its own parts',
    folder: 'src-preload/contract',
    forbids: (s, p) => s !== 'zod' && !(p !== null && /\/src-preload\/contract(\/|\.js$)/.test(p)),
  },
];

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((n) => (n === 'node_modules' ? [] : sourceFiles(join(path, n)))).filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('vite.config.ts'));
}

export function findViolations(root: string): Violation[] {
  const out: Violation[] = [];
  for (const rule of rules) {
    for (const file of sourceFiles(join(root, rule.folder))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const specifier = m[1] ?? m[2] ?? m[3]!;
        const resolvedPath = specifier.startsWith('.') ? resolve(dirname(file), specifier) : null;
        if (rule.forbids(specifier, resolvedPath)) {
          out.push({ file: relative(root, file), line: text.slice(0, m.index + m[0].length - m[0].trimStart().length).split('\n').length, specifier, rule: rule.name });
        }
      }
    }
  }
  return out;
}
