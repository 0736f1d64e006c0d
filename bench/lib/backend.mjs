// A portal backend started by a benchmark: in its own process group, always
// stopped (whatever happens to the benchmark), with its memory, CPU and
// event-loop delay readable from outside. Shared by entity-summary/ and routes/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const TICK = 100; // USER_HZ of /proc/*/stat

/** Preloaded into the backend (`--require`): writes its event-loop delay samples to $EVENT_LOOP_DELAY_FILE. */
export const EVENT_LOOP_DELAY_MODULE = path.join(
  import.meta.dirname,
  'eventLoopDelay.cjs',
);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = name =>
      Number(
        status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN,
      );
    return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
  } catch {
    return undefined;
  }
}

/** Shares of the CPUs between two snapshots of {@link BackendProcess.cpuSnapshot}, in cores. */
export function cpuShares(a, b) {
  const wall = (b.at - a.at) / 1000;
  const backendCores = (b.backend - a.backend) / wall;
  const selfCores = (b.self - a.self) / wall;
  const busyCores = (b.busy - a.busy) / wall;
  return {
    backendCores,
    selfCores,
    otherCores: Math.max(0, busyCores - backendCores - selfCores),
  };
}

/**
 * The backend process. `isServer(cmd)` picks, among the process group's
 * processes, the one that serves requests (the others are wrappers).
 */
export class BackendProcess {
  constructor({ log = console.log, isServer, eventLoopDelayFile }) {
    this.log = log;
    this.isServer = isServer;
    this.eventLoopDelayFile = eventLoopDelayFile;
    this.child = undefined;
    this.exited = false;
    this.stopping = false;
    this.killNow = () => {
      if (this.child && !this.exited) {
        try {
          process.kill(-this.child.pid, 'SIGKILL');
        } catch {}
      }
    };
    process.on('exit', this.killNow);
  }

  /** Spawns `command args` detached (its own process group), output to `logFile`. */
  start({ command, args, cwd, env, logFile }) {
    const out = fs.openSync(logFile, 'w');
    this.exited = false;
    this.stopping = false;
    this.logFile = logFile;
    this.child = spawn(command, args, {
      cwd,
      env: this.eventLoopDelayFile
        ? { ...env, EVENT_LOOP_DELAY_FILE: this.eventLoopDelayFile }
        : env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      if (!this.stopping)
        this.log(
          `Backend exited early (code ${code}, signal ${signal}); see ${logFile}`,
        );
    });
  }

  async stop() {
    this.stopping = true;
    const child = this.child;
    if (!child || this.exited) return;
    const pgid = child.pid;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      return;
    }
    const timedOut = await Promise.race([
      exited.then(() => false),
      sleep(15000).then(() => true),
    ]);
    if (timedOut) {
      this.log(
        'Backend did not stop within 15 s: SIGKILL to its process group',
      );
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
    }
    // The group may still hold children after the leader exited.
    try {
      process.kill(-pgid, 0);
      await sleep(2000);
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }

  /** The pids and command lines of the backend's process group. */
  pids() {
    const pids = [];
    if (!this.child) return pids;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== this.child.pid) continue; // pgrp
        const cmd = fs
          .readFileSync(`/proc/${entry}/cmdline`, 'utf8')
          .split('\0');
        pids.push({ pid: Number(entry), cmd });
      } catch {}
    }
    return pids;
  }

  serverPid() {
    return this.pids().find(p => this.isServer(p.cmd))?.pid;
  }

  memory() {
    const pid = this.serverPid();
    return pid ? { pid, ...memoryOf(pid) } : undefined;
  }

  /** CPU seconds so far: the whole machine (busy), the backend's process group, this process. */
  cpuSnapshot() {
    const cpu = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = cpu[3] + cpu[4];
    const busy = cpu.reduce((a, b) => a + b, 0) - idle;
    let backendTicks = 0;
    for (const { pid } of this.pids()) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        backendTicks += Number(f[11]) + Number(f[12]);
      } catch {}
    }
    const self = process.cpuUsage();
    return {
      at: Date.now(),
      busy: busy / TICK,
      backend: backendTicks / TICK,
      self: (self.user + self.system) / 1e6,
    };
  }

  /** Waits until the backend uses less than 0.2 cores over 2 s (or `maxMs` passed); returns its last share. */
  async waitForQuiet(maxMs) {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const a = this.cpuSnapshot();
      await sleep(2000);
      const { backendCores } = cpuShares(a, this.cpuSnapshot());
      if (backendCores < 0.2 || Date.now() > deadline) return backendCores;
    }
  }

  async waitFor(what, timeoutMs, check, intervalMs = 500) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited)
        throw new Error(`backend exited while waiting for ${what}`);
      try {
        const value = await check();
        if (value) return value;
      } catch {}
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeoutMs / 1000} s waiting for ${what}`,
        );
      await sleep(intervalMs);
    }
  }

  /**
   * The event-loop delay samples the backend wrote, as [epoch ms, delay ms],
   * once it has written one at or after `until` (so that they cover
   * everything before it); `undefined` when it wrote none for 120 s: its
   * loop is blocked.
   */
  async eventLoopSamples(until = Date.now()) {
    if (!this.eventLoopDelayFile) return undefined;
    for (;;) {
      let samples = [];
      try {
        samples = fs
          .readFileSync(this.eventLoopDelayFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map(line => line.split(' ').map(Number));
      } catch {}
      if (samples.length && samples[samples.length - 1][0] >= until)
        return samples;
      if (Date.now() - until > 120_000) return undefined;
      await sleep(500);
    }
  }

  /** A guest's token (the guest provider must be configured). */
  async guestToken(base) {
    return this.waitFor('a guest token', 60_000, async () => {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return res.ok ? (await res.json()).backstageIdentity?.token : undefined;
    });
  }
}
