import { fileURLToPath } from 'node:url';
import { findViolations } from './boundaries/rules.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const violations = findViolations(root);
for (const v of violations) console.error(`${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`);
process.exit(violations.length ? 1 : 0);
