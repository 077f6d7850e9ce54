/**
 * Durable storage for the embedded database.
 *
 * PGlite keeps a file-backed data directory through Emscripten's NODEFS: each
 * write PostgreSQL makes is a synchronous `fs.writeSync` into the host file,
 * and PostgreSQL writes the WAL of a transaction before COMMIT returns. So a
 * crash of the API process (even `kill -9`) loses no committed transaction:
 * the bytes are in the operating system's cache. (`relaxedDurability` plays no
 * part here: it only defers PGlite's own flush for IndexedDB/OPFS storage;
 * NodeFS's flush is a no-op either way.)
 *
 * What the stock NODEFS does not do is reach the disk: its `fsync` is missing
 * (Emscripten answers 0) and `fdatasync` — PostgreSQL's WAL sync method — is a
 * stub. A power cut or kernel crash could then lose the last acknowledged
 * reports. This file system closes that gap: every WAL write is followed by
 * `fdatasync` before PostgreSQL goes on (so COMMIT returns only once the WAL
 * is on disk, as `wal_sync_method=open_datasync` would do), and every `fsync`
 * PostgreSQL asks for (data files at checkpoints, pg_control, directories) is
 * a real one.
 *
 * It relies on Emscripten's NODEFS internals of the PGlite version pinned in
 * package.json (0.3.x); `test/unit/durable-nodefs.test.ts` fails if they change.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What we touch of Emscripten's NODEFS stream. */
interface NodeFsStream {
  node: unknown;
  nfd?: number;
  /** Ours: whether the stream writes a WAL segment (decided at its first write). */
  lastmeterWal?: boolean;
}

interface NodeFsStreamOps {
  write: (stream: NodeFsStream, buffer: unknown, offset: number, length: number, position?: number) => number;
  fsync?: (stream: NodeFsStream) => number;
}

interface EmscriptenModule {
  FS: { filesystems: { NODEFS: { stream_ops: NodeFsStreamOps; realPath(node: unknown): string } } };
}

/** Counts of real disk syncs since start (tests and diagnostics). */
export const durableSyncCounts = { wal: 0, fsync: 0 };

/** Installs the syncing operations on NODEFS; idempotent. */
export function makeNodeFsDurable(module: EmscriptenModule): void {
  const NODEFS = module.FS.filesystems.NODEFS;
  const ops = NODEFS.stream_ops as NodeFsStreamOps & { lastmeterDurable?: true };
  if (ops.lastmeterDurable) return;
  const write = ops.write;
  const walSegment = `${path.sep}pg_wal${path.sep}`;
  ops.write = function durableWrite(this: unknown, stream, ...rest) {
    const written = write.call(this, stream, ...rest);
    stream.lastmeterWal ??= NODEFS.realPath(stream.node).includes(walSegment);
    if (stream.lastmeterWal && stream.nfd !== undefined) {
      fs.fdatasyncSync(stream.nfd);
      durableSyncCounts.wal++;
    }
    return written;
  };
  ops.fsync = (stream) => {
    // Directories have no host descriptor in NODEFS; their entries are synced with the files renamed into them.
    if (stream.nfd !== undefined) {
      fs.fsyncSync(stream.nfd);
      durableSyncCounts.fsync++;
    }
    return 0;
  };
  ops.lastmeterDurable = true;
}

/**
 * Makes a started PGlite's NodeFS durable from now on. Called after
 * `waitReady`: the first-time creation of a data directory (PGlite unpacks a
 * whole cluster, ~1,600 files) is not synced file by file — that would cost
 * seconds of the first start; {@link syncNewCluster} flushes it in one call
 * before anything is acknowledged.
 */
export function makePGliteDurable(pglite: object): void {
  makeNodeFsDurable((pglite as { Module: EmscriptenModule }).Module);
}

/**
 * Flushes a just-created cluster to disk: a CHECKPOINT (data files and
 * pg_control through the real fsync), then one `syncfs` of the file system
 * that holds the directory (coreutils `sync -f`; skipped where it is missing).
 */
export async function syncNewCluster(pglite: { exec(sql: string): Promise<unknown> }, dir: string): Promise<void> {
  await pglite.exec('checkpoint');
  await syncFileSystem(dir);
}

/**
 * One `syncfs` of the file system that holds `dir`, off the main thread. Also
 * started early on a cluster just unpacked, so the bulk of its writing back
 * overlaps the start (the final sync after the checkpoint then has little left).
 */
export function syncFileSystem(dir: string): Promise<void> {
  return new Promise((resolve) => {
    // No syncfs here (an error): the kernel writes the files back within seconds anyway.
    execFile('sync', ['-f', dir], { timeout: 30_000 }, () => resolve());
  });
}
