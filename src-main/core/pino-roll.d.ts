// pino-roll ships no types; this is the part of its API the log uses (see its README).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    sync?: boolean;
    /** Passed to sonic-boom: the mode each new log file is created with. */
    mode?: number;
  }
  export default function build(options: PinoRollOptions): Promise<
    DestinationStream & {
      write(chunk: string): boolean;
      end(): void;
      destroy(): void;
      flushSync(): void;
      once(event: string, cb: () => void): void;
      on(event: 'error', cb: (e: Error & { code?: string }) => void): unknown;
    }
  >;
}
