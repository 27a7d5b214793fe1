// `npm run privacy-pack -- --out FILE.html [--config FILE.json]`
// Prints the parent notice, consent form and retention schedule generated from the school's settings.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { systemClock } from '../core/time/clock.js';
import { renderPrivacyPack } from '../core/privacy/privacy-pack.js';
import { parseFlags, runCli, UsageError } from './args.js';
import { defaultConfigPath } from './paths.js';

const USAGE = 'npm run privacy-pack -- --out FILE.html [--config FILE.json]';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { out: { type: 'string' }, config: { type: 'string' } }, USAGE);
  if (!flags.out) throw new UsageError(`--out is required\n\nUsage: ${USAGE}`);
  const config = loadConfig({ defaultsPath: defaultConfigPath, overridePath: flags.config });
  const out = resolve(flags.out);
  writeFileSync(out, renderPrivacyPack(config, systemClock.now()));
  process.stdout.write(`Privacy pack for ${config.school.name} written to ${out}; open it in a browser and print.\n`);
});
