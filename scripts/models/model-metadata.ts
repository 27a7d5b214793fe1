// Writes and reads the TFLite "ModelMetadata" FlatBuffer (file identifier M001) that MediaPipe Tasks
// reads to learn how to feed an image model. Only the fields an RGB image model with one input needs
// are written. Slots follow TensorFlow Lite Support's published metadata_schema.fbs
// (docs/face-pipeline.md section 9a).
import { Builder } from 'flatbuffers';
import { FlatBufferReader } from './flatbuffer-reader.js';

const MODEL_METADATA_IDENTIFIER = 'M001';

const ModelMetadata = { name: 0, subgraphMetadata: 3, minParserVersion: 7 } as const;
const SubGraphMetadata = { inputTensorMetadata: 2, outputTensorMetadata: 3 } as const;
const TensorMetadata = { name: 0, content: 3, processUnits: 4 } as const;
const Content = { propertiesType: 0, properties: 1 } as const;
const ImageProperties = { colorSpace: 0 } as const;
const ProcessUnit = { optionsType: 0, options: 1 } as const;
const NormalizationOptions = { mean: 0, std: 1 } as const;

const CONTENT_IMAGE_PROPERTIES = 2;
const COLOR_SPACE_RGB = 1;
const PROCESS_UNIT_NORMALIZATION = 1;
// The oldest metadata parser that understands every field written here.
const MIN_PARSER_VERSION = '1.0.0';

/** What a model that takes one RGB image expects, in the model's own words. */
export interface ImageModelSpec {
  name: string;
  /** The model sees (pixel - mean) / std for every channel. */
  mean: number;
  std: number;
  /** One name per model output, in the model's output order. */
  outputNames: string[];
}

export interface DecodedModelMetadata {
  name: string | undefined;
  minParserVersion: string | undefined;
  subgraphCount: number;
  inputs: DecodedTensor[];
  outputNames: (string | undefined)[];
}

export interface DecodedTensor {
  name: string | undefined;
  colorSpace: 'rgb' | 'grayscale' | 'unknown' | undefined;
  normalization: { mean: number[]; std: number[] } | undefined;
}

export function encodeModelMetadata(spec: ImageModelSpec): Uint8Array {
  const b = new Builder(512);

  const table = (fields: [slot: number, write: (slot: number) => void][]): number => {
    b.startObject(Math.max(...fields.map(([slot]) => slot)) + 1);
    for (const [slot, write] of fields) write(slot);
    return b.endObject();
  };
  const offset = (value: number) => (slot: number) => b.addFieldOffset(slot, value, 0);
  const byte = (value: number) => (slot: number) => b.addFieldInt8(slot, value, 0);
  const floats = (values: number[]): number => {
    b.startVector(4, values.length, 4);
    for (const v of [...values].reverse()) b.addFloat32(v);
    return b.endVector();
  };
  const tables = (offsets: number[]): number => {
    b.startVector(4, offsets.length, 4);
    for (const o of [...offsets].reverse()) b.addOffset(o);
    return b.endVector();
  };

  const normalization = table([
    [NormalizationOptions.mean, offset(floats([spec.mean]))],
    [NormalizationOptions.std, offset(floats([spec.std]))],
  ]);
  const processUnit = table([
    [ProcessUnit.optionsType, byte(PROCESS_UNIT_NORMALIZATION)],
    [ProcessUnit.options, offset(normalization)],
  ]);
  const imageProperties = table([[ImageProperties.colorSpace, byte(COLOR_SPACE_RGB)]]);
  const content = table([
    [Content.propertiesType, byte(CONTENT_IMAGE_PROPERTIES)],
    [Content.properties, offset(imageProperties)],
  ]);
  const input = table([
    [TensorMetadata.name, offset(b.createString('image'))],
    [TensorMetadata.content, offset(content)],
    [TensorMetadata.processUnits, offset(tables([processUnit]))],
  ]);
  const outputs = spec.outputNames.map((name) => table([[TensorMetadata.name, offset(b.createString(name))]]));
  const subgraph = table([
    [SubGraphMetadata.inputTensorMetadata, offset(tables([input]))],
    [SubGraphMetadata.outputTensorMetadata, offset(tables(outputs))],
  ]);
  const root = table([
    [ModelMetadata.name, offset(b.createString(spec.name))],
    [ModelMetadata.subgraphMetadata, offset(tables([subgraph]))],
    [ModelMetadata.minParserVersion, offset(b.createString(MIN_PARSER_VERSION))],
  ]);
  b.finish(root, MODEL_METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

export function decodeModelMetadata(bytes: Uint8Array): DecodedModelMetadata {
  const r = new FlatBufferReader(bytes);
  if (r.identifier() !== MODEL_METADATA_IDENTIFIER) {
    throw new Error(`not TFLite model metadata: identifier is "${r.identifier()}", expected "${MODEL_METADATA_IDENTIFIER}"`);
  }
  const root = r.rootTable();
  const subgraphs = r.tables(root, ModelMetadata.subgraphMetadata);
  const first = subgraphs[0];
  return {
    name: r.string(root, ModelMetadata.name),
    minParserVersion: r.string(root, ModelMetadata.minParserVersion),
    subgraphCount: subgraphs.length,
    inputs: first === undefined ? [] : r.tables(first, SubGraphMetadata.inputTensorMetadata).map((t) => decodeTensor(r, t)),
    outputNames: first === undefined ? [] : r.tables(first, SubGraphMetadata.outputTensorMetadata).map((t) => r.string(t, TensorMetadata.name)),
  };
}

function decodeTensor(r: FlatBufferReader, tensor: number): DecodedTensor {
  return { name: r.string(tensor, TensorMetadata.name), colorSpace: decodeColorSpace(r, tensor), normalization: decodeNormalization(r, tensor) };
}

function decodeColorSpace(r: FlatBufferReader, tensor: number): DecodedTensor['colorSpace'] {
  const content = r.child(tensor, TensorMetadata.content);
  if (content === undefined || r.uint8(content, Content.propertiesType, 0) !== CONTENT_IMAGE_PROPERTIES) return undefined;
  const image = r.child(content, Content.properties);
  if (image === undefined) return undefined;
  return (['unknown', 'rgb', 'grayscale'] as const)[r.int8(image, ImageProperties.colorSpace, 0)] ?? 'unknown';
}

function decodeNormalization(r: FlatBufferReader, tensor: number): DecodedTensor['normalization'] {
  for (const unit of r.tables(tensor, TensorMetadata.processUnits)) {
    if (r.uint8(unit, ProcessUnit.optionsType, 0) !== PROCESS_UNIT_NORMALIZATION) continue;
    const options = r.child(unit, ProcessUnit.options);
    if (options === undefined) continue;
    return { mean: r.float32s(options, NormalizationOptions.mean), std: r.float32s(options, NormalizationOptions.std) };
  }
  return undefined;
}
