import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPlan, type AssetRule } from './asset-plan.js';
import { MANIFEST_PATH, prepareAssets, type Manifest } from './prepare-assets.js';
import { readTfliteSummary } from './tflite-metadata.js';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-assets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function prepare(outDir: string, plan: AssetRule[] = assetPlan): { manifest: Manifest; lines: string[] } {
  const lines: string[] = [];
  const manifest = prepareAssets({ outDir, plan, resolveFrom: import.meta.url, log: (line) => lines.push(line) });
  return { manifest, lines };
}

test('preparing writes the detector models, recognition weights and WASM runtimes the app loads', (t) => {
  const out = tempDir(t);
  const { manifest, lines } = prepare(out);
  const expected = [
    'models/face_detection_short_range.tflite',
    'models/face_detection_full_range.tflite',
    'models/faceapi/face_recognition_model-weights_manifest.json',
    'models/faceapi/face_recognition_model.bin',
    'wasm/mediapipe/vision_wasm_internal.js',
    'wasm/mediapipe/vision_wasm_internal.wasm',
    'wasm/tfjs/tfjs-backend-wasm.wasm',
    'wasm/tfjs/tfjs-backend-wasm-simd.wasm',
    'wasm/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
  ];
  for (const path of expected) {
    assert.ok(existsSync(join(out, path)), `${path} was not written`);
    assert.ok(manifest.files[path], `${path} is not in the manifest`);
  }
  assert.equal(lines.length, Object.keys(manifest.files).length, 'one line per file');
  assert.ok(!existsSync(join(out, 'models/face_detection_full_range_sparse.tflite')));
  const onDisk = JSON.parse(readFileSync(join(out, MANIFEST_PATH), 'utf8')) as Manifest;
  assert.deepEqual(onDisk, manifest);
});

test('the manifest names each file’s package and version, and its hash matches the file', (t) => {
  const out = tempDir(t);
  const { manifest } = prepare(out);
  const short = manifest.files['models/face_detection_short_range.tflite'];
  assert.match(short?.source ?? '', /^@mediapipe\/face_detection@\d[^/]*\/face_detection_short_range\.tflite$/);
  assert.equal(short?.recipe, 'tflite-metadata/1');
  assert.match(manifest.files['wasm/tfjs/tfjs-backend-wasm.wasm']?.source ?? '', /^@tensorflow\/tfjs-backend-wasm@4\.22\.0\//);
  const bytes = readFileSync(join(out, 'models/face_detection_short_range.tflite'));
  assert.equal(createHash('sha256').update(bytes).digest('hex'), short?.sha256);
  assert.deepEqual(readTfliteSummary(new Uint8Array(bytes)).metadataNames, ['TFLITE_METADATA']);
});

test('a second run finds everything up to date and rewrites nothing', (t) => {
  const out = tempDir(t);
  const files = [MANIFEST_PATH, ...Object.keys(prepare(out).manifest.files)];
  const mtimes = files.map((f) => statSync(join(out, f)).mtimeMs);
  const { lines } = prepare(out);
  assert.ok(lines.every((line) => line.startsWith('up to date')), lines.join('\n'));
  assert.deepEqual(files.map((f) => statSync(join(out, f)).mtimeMs), mtimes);
});

test('a prepared file changed on disk is rebuilt on the next run', (t) => {
  const out = tempDir(t);
  const { manifest } = prepare(out);
  const path = 'models/face_detection_full_range.tflite';
  writeFileSync(join(out, path), 'truncated');
  const { lines } = prepare(out);
  assert.deepEqual(lines.filter((line) => !line.startsWith('up to date')).map((line) => line.split(/\s+/)[1]), [path]);
  assert.equal(statSync(join(out, path)).size, manifest.files[path]?.bytes);
});

test('a missing package stops preparation before anything is written, naming the package', (t) => {
  const out = tempDir(t);
  const plan: AssetRule[] = [...assetPlan, { pkg: '@rollcall/not-installed', from: '', files: ['x.bin'], to: 'models' }];
  assert.throws(() => prepare(out, plan), /@rollcall\/not-installed is not installed; run "npm install"/);
  assert.deepEqual(readdirSync(out), []);
});
