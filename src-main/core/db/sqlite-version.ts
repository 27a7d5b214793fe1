// The oldest SQLite builds without the WAL-reset corruption race (sqlite.org/wal.html#walresetbug):
// fixed in 3.51.3 and backported to 3.50.7 and 3.44.6. The race needs two connections checkpointing
// and writing at once, which we have as soon as a backup or a verifying worker opens the file.
export const MIN_SQLITE_VERSION = '3.51.3';
const FIXED_BACKPORTS = ['3.50.7', '3.44.6'];

function parts(v: string): [number, number, number] {
  const [a = 0, b = 0, c = 0] = v.split('.').map((x) => Number.parseInt(x, 10));
  return [a, b, c];
}

function atLeast(v: string, min: string): boolean {
  const x = parts(v);
  const y = parts(min);
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! > y[i]!;
  return true;
}

export function sqliteVersionIsSafe(version: string): boolean {
  if (atLeast(version, MIN_SQLITE_VERSION)) return true;
  const [major, minor] = parts(version);
  return FIXED_BACKPORTS.some((b) => {
    const [bm, bn] = parts(b);
    return major === bm && minor === bn && atLeast(version, b);
  });
}

export class SqliteVersionError extends Error {}

export function assertSqliteVersion(version: string): void {
  if (!sqliteVersionIsSafe(version)) {
    throw new SqliteVersionError(
      `SQLite ${version} has the WAL-reset corruption bug; Rollcall needs ${MIN_SQLITE_VERSION} or newer ` +
        `(or ${FIXED_BACKPORTS.join(' / ')} backports). Rebuild better-sqlite3 against a current SQLite.`,
    );
  }
}
