// Reads FlatBuffer tables by field slot, as generated code would, for the two formats we have no
// generated code for (TFLite models and their metadata). Every position is checked against the
// buffer, so a damaged or foreign file fails with an Error instead of yielding garbage.
import { ByteBuffer } from 'flatbuffers';

export interface VectorRef {
  /** Absolute position of the first element. */
  start: number;
  length: number;
}

export class FlatBufferReader {
  private readonly bb: ByteBuffer;

  constructor(readonly bytes: Uint8Array) {
    this.bb = new ByteBuffer(bytes);
    this.need(8, 0, 'the file is too short to be a FlatBuffer');
  }

  identifier(): string {
    return String.fromCharCode(...this.bytes.subarray(4, 8));
  }

  rootTable(): number {
    return this.table(this.bb.readUint32(0));
  }

  /** Follows the forward offset stored at `pos`. */
  target(pos: number): number {
    const at = pos + this.bb.readUint32(pos);
    this.need(at, 4, `offset at byte ${pos} points outside the file`);
    return at;
  }

  /** Number of field slots the table's vtable describes. */
  slotCount(table: number): number {
    return (this.bb.readUint16(this.vtable(table)) - 4) / 2;
  }

  /** Absolute position of a field's value, or undefined when the field is absent. */
  field(table: number, slot: number): number | undefined {
    const inTable = this.bb.__offset(table, 4 + 2 * slot);
    if (inTable === 0) return undefined;
    this.need(table + inTable, 1, `field ${slot} of the table at byte ${table} lies outside the file`);
    return table + inTable;
  }

  uint8(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    return at === undefined ? fallback : this.bb.readUint8(at);
  }

  int8(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    return at === undefined ? fallback : this.bb.readInt8(at);
  }

  uint32(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    return at === undefined ? fallback : this.bb.readUint32(at);
  }

  uint64(table: number, slot: number, fallback: bigint): bigint {
    const at = this.field(table, slot);
    return at === undefined ? fallback : this.bb.readUint64(at);
  }

  string(table: number, slot: number): string | undefined {
    const at = this.field(table, slot);
    if (at === undefined) return undefined;
    const { start, length } = this.vectorAt(at, 1);
    return new TextDecoder().decode(this.bytes.subarray(start, start + length));
  }

  vector(table: number, slot: number, elementSize: number): VectorRef | undefined {
    const at = this.field(table, slot);
    return at === undefined ? undefined : this.vectorAt(at, elementSize);
  }

  /** The tables a vector of tables points to; empty when the field is absent. */
  tables(table: number, slot: number): number[] {
    const vec = this.vector(table, slot, 4);
    if (!vec) return [];
    return Array.from({ length: vec.length }, (_, i) => this.table(this.target(vec.start + 4 * i)));
  }

  /** The table a table-typed field (or a union's value) points to. */
  child(table: number, slot: number): number | undefined {
    const at = this.field(table, slot);
    return at === undefined ? undefined : this.table(this.target(at));
  }

  int32s(table: number, slot: number): number[] {
    const vec = this.vector(table, slot, 4);
    return vec ? Array.from({ length: vec.length }, (_, i) => this.bb.readInt32(vec.start + 4 * i)) : [];
  }

  float32s(table: number, slot: number): number[] {
    const vec = this.vector(table, slot, 4);
    return vec ? Array.from({ length: vec.length }, (_, i) => this.bb.readFloat32(vec.start + 4 * i)) : [];
  }

  private vectorAt(offsetPos: number, elementSize: number): VectorRef {
    const lengthPos = this.target(offsetPos);
    const length = this.bb.readUint32(lengthPos);
    this.need(lengthPos + 4, length * elementSize, `vector at byte ${lengthPos} runs past the end of the file`);
    return { start: lengthPos + 4, length };
  }

  private table(pos: number): number {
    this.vtable(pos);
    return pos;
  }

  private vtable(table: number): number {
    this.need(table, 4, `table at byte ${table} lies outside the file`);
    const vt = table - this.bb.readInt32(table);
    this.need(vt, 4, `table at byte ${table} has its vtable outside the file`);
    this.need(vt, this.bb.readUint16(vt), `vtable at byte ${vt} runs past the end of the file`);
    return vt;
  }

  private need(pos: number, size: number, message: string): void {
    if (pos < 0 || pos + size > this.bytes.length) throw new Error(message);
  }
}
