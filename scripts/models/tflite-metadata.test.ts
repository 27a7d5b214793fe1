import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder } from 'flatbuffers';
import { findInstalledPackage } from './installed-package.js';
import { addTfliteMetadata, blazeFaceSpec, readTfliteSummary } from './tflite-metadata.js';

const legacyModels = findInstalledPackage('@mediapipe/face_detection', import.meta.url).dir;
const readModel = (name: string) => new Uint8Array(readFileSync(join(legacyModels, name)));
const detectors = ['face_detection_short_range.tflite', 'face_detection_full_range.tflite'];

for (const name of detectors) {
  test(`patching ${name} keeps every original byte, shifted by a multiple of 16`, () => {
    const original = readModel(name);
    const patched = addTfliteMetadata(original, blazeFaceSpec(name));
    const prefix = patched.length - original.length;
    assert.ok(prefix > 0 && prefix % 16 === 0, `prefix of ${prefix} bytes`);
    assert.deepEqual(patched.subarray(prefix), original);
  });

  test(`patched ${name} declares an RGB input normalised by mean 127.5 and std 127.5`, () => {
    const original = readModel(name);
    const before = readTfliteSummary(original);
    const after = readTfliteSummary(addTfliteMetadata(original, blazeFaceSpec('BlazeFace')));

    assert.equal(after.version, before.version);
    assert.equal(after.bufferCount, before.bufferCount + 1);
    assert.deepEqual(before.metadataNames, []);
    assert.deepEqual(after.metadataNames, ['TFLITE_METADATA']);
    assert.equal((after.modelMetadata?.offset ?? 1) % 16, 0, 'metadata buffer is 16-byte aligned');
    assert.deepEqual(after.modelMetadata?.decoded, {
      name: 'BlazeFace',
      minParserVersion: '1.0.0',
      subgraphCount: 1,
      inputs: [{ name: 'image', colorSpace: 'rgb', normalization: { mean: [127.5], std: [127.5] } }],
      outputNames: ['regressors', 'classificators'],
    });
  });
}

test('metadata entries a model already has are kept next to the new one', () => {
  const patched = addTfliteMetadata(readModel('face_detection_full_range_sparse.tflite'), blazeFaceSpec('sparse'));
  assert.deepEqual(readTfliteSummary(patched).metadataNames, ['min_runtime_version', 'TFLITE_METADATA']);
});

test('a model patched once is refused a second time', () => {
  const once = addTfliteMetadata(readModel(detectors[0]!), blazeFaceSpec('BlazeFace'));
  assert.throws(() => addTfliteMetadata(once, blazeFaceSpec('BlazeFace')), /already has metadata/);
});

test('a file that is not a TFLite model is refused', () => {
  const jpegLike = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
  assert.throws(() => addTfliteMetadata(jpegLike, blazeFaceSpec('x')), /not a TFLite model/);
  assert.throws(() => addTfliteMetadata(new Uint8Array(3), blazeFaceSpec('x')), /too short/);
});

test('a model keeping tensor data outside the FlatBuffer is refused', () => {
  const model = tinyModel({ bufferOffset: 4096n });
  assert.throws(() => addTfliteMetadata(model, blazeFaceSpec('x')), /outside the FlatBuffer/);
});

test('a model using Model fields newer than this step knows is refused', () => {
  const model = tinyModel({ extraModelField: true });
  assert.throws(() => addTfliteMetadata(model, blazeFaceSpec('x')), /Model field 8/);
});

test('a model whose outputs do not match the given output names is refused', () => {
  const model = tinyModel({});
  assert.throws(() => addTfliteMetadata(model, { ...blazeFaceSpec('x'), outputNames: ['only'] }), /2 outputs but 1 output names/);
});

test('the smallest well-formed model is patched and reads back', () => {
  const summary = readTfliteSummary(addTfliteMetadata(tinyModel({}), blazeFaceSpec('tiny')));
  assert.equal(summary.version, 3);
  assert.equal(summary.bufferCount, 2);
  assert.deepEqual(summary.modelMetadata?.decoded.outputNames, ['regressors', 'classificators']);
});

/** A minimal TFLite-shaped FlatBuffer: one subgraph with input 0 and outputs 1 and 2, one buffer. */
function tinyModel(options: { bufferOffset?: bigint; extraModelField?: boolean }): Uint8Array {
  const b = new Builder(256);
  const ints = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (const v of [...values].reverse()) b.addInt32(v);
    return b.endVector();
  };
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (const v of [...values].reverse()) b.addOffset(v);
    return b.endVector();
  };
  const inputs = ints([0]);
  const outputs = ints([1, 2]);
  b.startObject(3);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  const subgraph = b.endObject();
  b.startObject(3);
  if (options.bufferOffset !== undefined) {
    b.addFieldInt64(1, options.bufferOffset, 0n);
    b.addFieldInt64(2, 16n, 0n);
  }
  const buffer = b.endObject();
  const subgraphs = offsets([subgraph]);
  const buffers = offsets([buffer]);
  b.startObject(options.extraModelField ? 9 : 5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(4, buffers, 0);
  if (options.extraModelField) b.addFieldInt32(8, 1, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}
