// Exclusive lock on a state file, held by every command that writes it.

import { randomUUID } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { GantryError } from "../contract/diagnostics.js";

export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Created: string;
  Path: string;
  PID: number;
}

export function lockPath(statePath: string): string {
  return `${statePath}.lock`;
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function describeLock(info: LockInfo | undefined): string {
  if (!info) return "the lock file exists but cannot be read";
  const who =
    `ID:        ${info.ID}\n  Path:      ${info.Path}\n  Operation: ${info.Operation}\n  Who:      ` +
    ` ${info.Who}\n  Created:   ${info.Created}`;
  const stale =
    info.Who.endsWith(`@${hostname()}`) && info.PID && !processAlive(info.PID)
      ? `\n\nProcess ${info.PID} that took it is no longer running; if no other gantry uses this state, run: gantry ` +
        `force-unlock ${info.ID}`
      : "";
  return `  ${who}${stale}`;
}

export class StateLock {
  private constructor(
    readonly path: string,
    readonly info: LockInfo,
  ) {}

  /** Takes the lock, retrying until timeoutMs passes (0: fail at once). */
  static async acquire(statePath: string, operation: string, timeoutMs = 0): Promise<StateLock> {
    const path = lockPath(statePath);
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: `${safeUser()}@${hostname()}`,
      Created: new Date().toISOString(),
      Path: statePath,
      PID: process.pid,
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const fd = openSync(path, "wx", 0o600);
        try {
          writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
        } finally {
          closeSync(fd);
        }
        return new StateLock(path, info);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST")
          throw new GantryError(`cannot create state lock ${path}: ${(e as Error).message}`);
      }
      if (Date.now() >= deadline) {
        throw new GantryError({
          severity: "error",
          summary: "Error acquiring the state lock",
          detail:
            `The state ${statePath} is locked by another gantry command.\nLock ` +
            `Info:\n${describeLock(readLock(path))}\n\nWait for it to finish, use -lock-timeout to wait, or run ` +
            `'gantry force-unlock ID' if the lock is stale.`,
        });
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))));
    }
  }

  /** Releases the lock if it is still ours. */
  release(): void {
    const cur = readLock(this.path);
    if (cur && cur.ID === this.info.ID) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }
}

export function forceUnlock(statePath: string, id: string): LockInfo {
  const path = lockPath(statePath);
  if (!existsSync(path)) throw new GantryError(`state ${statePath} is not locked`);
  const cur = readLock(path);
  if (cur && cur.ID !== id)
    throw new GantryError({
      severity: "error",
      summary: `lock ID "${id}" does not match the existing lock`,
      detail: `Lock Info:\n${describeLock(cur)}`,
    });
  unlinkSync(path);
  return cur!;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "unknown");
  }
}
