// pngjs ships without types (it comes with qrcode); the one call the tests use.
declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
