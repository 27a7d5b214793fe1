import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findViolations } from './rules.js';
import { tempDir } from '../../src-main/test-support/temp-dir.js';

test('the repository keeps its process boundaries', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  assert.deepEqual(findViolations(root), []);
});

test('a core module importing electron is caught', () => {
  const root = tempDir();
  for (const d of ['src-main/core/x', 'src-renderer', 'src-preload/contract']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'src-preload/contract.ts'), "import { z } from 'zod';\n");
  writeFileSync(join(root, 'src-main/core/x/bad.ts'), "import { app } from 'electron';\n");
  writeFileSync(join(root, 'src-renderer/bad.ts'), "import { readFileSync } from 'node:fs';\nimport { x } from '../src-main/core/x/bad';\n");
  assert.deepEqual(findViolations(root).map((v) => `${v.file}:${v.line} ${v.specifier}`), [
    'src-main/core/x/bad.ts:1 electron',
    'src-renderer/bad.ts:1 node:fs',
    'src-renderer/bad.ts:2 ../src-main/core/x/bad',
  ]);
});
