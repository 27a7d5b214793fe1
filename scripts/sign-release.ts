// Signs a release's update feed on the release machine, after electron-builder wrote it:
//   npm run sign-release -- --key ~/rollcall-release-key.pem release/latest-linux.yml release/latest.yml
// and makes the key pair once:
//   npm run sign-release -- --generate-key ~/rollcall-keys
// The private key never goes to a kiosk; the public key goes into the school's config as update.publicKey.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReleaseKeyPair } from '../src-main/core/update/release-signature.js';
import { signFeed } from './update-feed/feed.js';

function usage(message: string): never {
  console.error(message);
  console.error('usage: sign-release --key PRIVATE_KEY.pem FEED.yml [FEED.yml ...]\n       sign-release --generate-key DIR');
  process.exit(2);
}

const args = process.argv.slice(2);
const gen = args.indexOf('--generate-key');
if (gen >= 0) {
  const dir = args[gen + 1] ?? usage('--generate-key needs a folder');
  mkdirSync(dir, { recursive: true });
  const { publicKeyPem, privateKeyPem } = generateReleaseKeyPair();
  const priv = join(dir, 'rollcall-release-key.pem');
  writeFileSync(priv, privateKeyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(priv, 0o600);
  writeFileSync(join(dir, 'rollcall-release-key.pub.pem'), publicKeyPem);
  console.log(`private key: ${priv} (keep it off the kiosks)`);
  console.log(`public key for the config key update.publicKey:\n${JSON.stringify(publicKeyPem)}`);
} else {
  const k = args.indexOf('--key');
  if (k < 0) usage('--key is required');
  const keyFile = args[k + 1] ?? usage('--key needs a file');
  const feeds = args.filter((_, i) => i !== k && i !== k + 1);
  if (feeds.length === 0) usage('name at least one feed file (latest.yml, latest-linux.yml)');
  const key = readFileSync(keyFile, 'utf8');
  for (const feed of feeds) {
    try {
      writeFileSync(feed, signFeed(readFileSync(feed, 'utf8'), key));
    } catch (e) {
      console.error(`${feed}: ${(e as Error).message}`);
      process.exit(1);
    }
    console.log(`signed ${feed}`);
  }
}
