// Adds a TFLITE_METADATA entry to a TFLite model without touching its graph or weights, so that
// MediaPipe Tasks accepts models published without metadata (docs/face-pipeline.md sections 1, 9a).
//
// The old root table has no `metadata` slot and FlatBuffer offsets only point forward, so the file
// cannot be extended in place or at its end. Instead a prefix is written in front of the untouched
// original bytes: a new root Model table that copies `version` and points forward into the original
// objects, a new `buffers` vector (the original Buffer tables plus one holding the metadata) and a new
// `metadata` vector. The prefix is a multiple of 16 bytes so every original object keeps its alignment.
import { FlatBufferReader } from './flatbuffer-reader.js';
import { decodeModelMetadata, encodeModelMetadata, type DecodedModelMetadata, type ImageModelSpec } from './model-metadata.js';

const TFLITE_IDENTIFIER = 'TFL3';
export const METADATA_NAME = 'TFLITE_METADATA';

// Slots from TensorFlow Lite's published schema.fbs.
const ModelSlot = { version: 0, subgraphs: 2, buffers: 4, metadata: 6 } as const;
const MODEL_SLOT_COUNT = 8;
/** Model fields this step leaves alone: operator_codes, subgraphs, description, metadata_buffer, signature_defs. */
const FORWARDED_MODEL_SLOTS = [1, 2, 3, 5, 7];
const BufferSlot = { data: 0, offset: 1, size: 2 } as const;
const MetadataSlot = { name: 0, buffer: 1 } as const;
const SubGraphSlot = { inputs: 1, outputs: 2 } as const;

// TFLite aligns tensor data to 16 bytes; the metadata buffer and the shifted original get the same.
const DATA_ALIGNMENT = 16;

/** The BlazeFace detectors of @mediapipe/face_detection: RGB in [-1, 1], boxes then scores out. */
export function blazeFaceSpec(name: string): ImageModelSpec {
  return { name, mean: 127.5, std: 127.5, outputNames: ['regressors', 'classificators'] };
}

export function addTfliteMetadata(model: Uint8Array, spec: ImageModelSpec): Uint8Array {
  const original = inspectModel(model);
  if (original.metadata.some((m) => m.name === METADATA_NAME)) {
    throw new Error(`the model already has metadata (a ${METADATA_NAME} entry); it was patched before`);
  }
  if (original.inputCount !== 1) throw new Error(`expected a model with one input image, found ${original.inputCount} inputs`);
  if (original.outputCount !== spec.outputNames.length) {
    throw new Error(`the model has ${original.outputCount} outputs but ${spec.outputNames.length} output names were given`);
  }
  const patched = writeWithPrefix(model, original, encodeModelMetadata(spec));
  checkReadsBack(patched, spec);
  return patched;
}

// MediaPipe checks the file identifiers but not what the metadata says, so check it here.
function checkReadsBack(patched: Uint8Array, spec: ImageModelSpec): void {
  const found = readTfliteSummary(patched).modelMetadata?.decoded;
  const input = found?.inputs[0];
  const ok =
    input?.colorSpace === 'rgb' &&
    input.normalization?.mean.join() === String(Math.fround(spec.mean)) &&
    input.normalization.std.join() === String(Math.fround(spec.std)) &&
    found?.outputNames.join('\n') === spec.outputNames.join('\n');
  if (!ok) throw new Error(`the patched model does not read back as written: ${JSON.stringify(found)}`);
}

export interface TfliteSummary {
  version: number;
  bufferCount: number;
  metadataNames: string[];
  /** Where the TFLITE_METADATA bytes start in the file, and what they say. */
  modelMetadata: { offset: number; decoded: DecodedModelMetadata } | undefined;
}

export function readTfliteSummary(model: Uint8Array): TfliteSummary {
  const r = new FlatBufferReader(model);
  const found = inspectModel(model, r);
  const entry = found.metadata.find((m) => m.name === METADATA_NAME);
  return {
    version: found.version,
    bufferCount: found.buffers.length,
    metadataNames: found.metadata.map((m) => m.name ?? ''),
    modelMetadata: entry === undefined ? undefined : readMetadataBuffer(r, found.buffers, entry.buffer),
  };
}

function readMetadataBuffer(r: FlatBufferReader, buffers: number[], index: number): TfliteSummary['modelMetadata'] {
  const buffer = buffers[index];
  if (buffer === undefined) throw new Error(`${METADATA_NAME} names buffer ${index}, but the model has ${buffers.length} buffers`);
  const data = r.vector(buffer, BufferSlot.data, 1);
  if (!data) throw new Error(`${METADATA_NAME} names buffer ${index}, which holds no data`);
  return { offset: data.start, decoded: decodeModelMetadata(r.bytes.subarray(data.start, data.start + data.length)) };
}

interface ModelLayout {
  version: number;
  /** Model fields kept as they are, with the absolute position of the object each points to. */
  forwarded: { slot: number; target: number }[];
  buffers: number[];
  metadata: { table: number; name: string | undefined; buffer: number }[];
  inputCount: number;
  outputCount: number;
}

/** Reads what the patch needs and refuses any model it does not fully understand. */
function inspectModel(model: Uint8Array, r = new FlatBufferReader(model)): ModelLayout {
  if (r.identifier() !== TFLITE_IDENTIFIER) {
    throw new Error(`not a TFLite model: file identifier is ${JSON.stringify(r.identifier())}, expected "${TFLITE_IDENTIFIER}"`);
  }
  const root = r.rootTable();
  for (let slot = MODEL_SLOT_COUNT; slot < r.slotCount(root); slot++) {
    if (r.field(root, slot) !== undefined) {
      throw new Error(`the model uses Model field ${slot}, which this step does not know; refusing to rewrite it`);
    }
  }
  const forwarded = FORWARDED_MODEL_SLOTS.flatMap((slot) => {
    const at = r.field(root, slot);
    return at === undefined ? [] : [{ slot, target: r.target(at) }];
  });
  const buffers = r.tables(root, ModelSlot.buffers);
  if (buffers.length === 0) throw new Error('the model has no buffers table; it is not a model this step understands');
  buffers.forEach((buffer, i) => checkBuffer(r, buffer, i));

  const subgraphs = r.tables(root, ModelSlot.subgraphs);
  const main = subgraphs[0];
  if (main === undefined || subgraphs.length !== 1) throw new Error(`expected a model with one subgraph, found ${subgraphs.length}`);
  return {
    version: r.uint32(root, ModelSlot.version, 0),
    forwarded,
    buffers,
    metadata: r.tables(root, ModelSlot.metadata).map((table) => ({
      table,
      name: r.string(table, MetadataSlot.name),
      buffer: r.uint32(table, MetadataSlot.buffer, 0),
    })),
    inputCount: r.int32s(main, SubGraphSlot.inputs).length,
    outputCount: r.int32s(main, SubGraphSlot.outputs).length,
  };
}

function checkBuffer(r: FlatBufferReader, buffer: number, index: number): void {
  for (let slot = BufferSlot.size + 1; slot < r.slotCount(buffer); slot++) {
    if (r.field(buffer, slot) !== undefined) throw new Error(`buffer ${index} uses Buffer field ${slot}, which this step does not know`);
  }
  // offset/size locate data relative to the start of the file, which the prefix would shift.
  if (r.uint64(buffer, BufferSlot.offset, 0n) !== 0n || r.uint64(buffer, BufferSlot.size, 0n) !== 0n) {
    throw new Error(`buffer ${index} keeps its data outside the FlatBuffer (Buffer.offset/size); this step cannot move such data`);
  }
}

function writeWithPrefix(model: Uint8Array, original: ModelLayout, metadata: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(METADATA_NAME);
  const pointerCount = original.forwarded.length + 2;
  const rootSlotCount = Math.max(ModelSlot.metadata, ...original.forwarded.map((f) => f.slot)) + 1;
  const bufferCount = original.buffers.length + 1;
  const metadataCount = original.metadata.length + 1;

  // Every object is placed after the objects that point to it, since offsets only point forward.
  let end = 0;
  const place = (size: number, align: number, alignedFrom = 0): number => {
    const at = alignUp(end + alignedFrom, align) - alignedFrom;
    end = at + size;
    return at;
  };
  const header = place(8, 4);
  const rootVtable = place(4 + 2 * rootSlotCount, 2);
  const rootTable = place(8 + 4 * pointerCount, 4);
  const buffersVector = place(4 + 4 * bufferCount, 4);
  const metadataVector = place(4 + 4 * metadataCount, 4);
  const bufferVtable = place(6, 2);
  const bufferTable = place(8, 4);
  const entryVtable = place(8, 2);
  const entryTable = place(12, 4);
  const nameString = place(4 + name.length + 1, 4);
  // The length sits just before the data, so align the data itself.
  const dataVector = place(4 + metadata.length, DATA_ALIGNMENT, 4);
  const prefix = alignUp(end, DATA_ALIGNMENT);

  const out = new Uint8Array(prefix + model.length);
  out.set(model, prefix);
  const view = new DataView(out.buffer);
  const moved = (pos: number) => prefix + pos;
  const pointTo = (from: number, to: number) => view.setUint32(from, to - from, true);
  const u32 = (at: number, value: number) => view.setUint32(at, value, true);
  const u16 = (at: number, value: number) => view.setUint16(at, value, true);

  u32(header, rootTable);
  out.set(new TextEncoder().encode(TFLITE_IDENTIFIER), header + 4);

  // Root table: soffset to its vtable, version, then one forward offset per pointer field.
  u16(rootVtable, 4 + 2 * rootSlotCount);
  u16(rootVtable + 2, 8 + 4 * pointerCount);
  view.setInt32(rootTable, rootTable - rootVtable, true);
  u16(rootVtable + 4 + 2 * ModelSlot.version, 4);
  u32(rootTable + 4, original.version);
  const pointers = [
    ...original.forwarded.map(({ slot, target }) => ({ slot, target: moved(target) })),
    { slot: ModelSlot.buffers, target: buffersVector },
    { slot: ModelSlot.metadata, target: metadataVector },
  ].sort((a, b) => a.slot - b.slot);
  pointers.forEach(({ slot, target }, i) => {
    const field = rootTable + 8 + 4 * i;
    u16(rootVtable + 4 + 2 * slot, field - rootTable);
    pointTo(field, target);
  });

  u32(buffersVector, bufferCount);
  original.buffers.forEach((table, i) => pointTo(buffersVector + 4 + 4 * i, moved(table)));
  pointTo(buffersVector + 4 + 4 * original.buffers.length, bufferTable);

  u32(metadataVector, metadataCount);
  original.metadata.forEach(({ table }, i) => pointTo(metadataVector + 4 + 4 * i, moved(table)));
  pointTo(metadataVector + 4 + 4 * original.metadata.length, entryTable);

  u16(bufferVtable, 6);
  u16(bufferVtable + 2, 8);
  u16(bufferVtable + 4, 4);
  view.setInt32(bufferTable, bufferTable - bufferVtable, true);
  pointTo(bufferTable + 4, dataVector);

  u16(entryVtable, 8);
  u16(entryVtable + 2, 12);
  u16(entryVtable + 4, 4);
  u16(entryVtable + 6, 8);
  view.setInt32(entryTable, entryTable - entryVtable, true);
  pointTo(entryTable + 4, nameString);
  u32(entryTable + 8, original.buffers.length);

  u32(nameString, name.length);
  out.set(name, nameString + 4);

  u32(dataVector, metadata.length);
  out.set(metadata, dataVector + 4);
  return out;
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}
