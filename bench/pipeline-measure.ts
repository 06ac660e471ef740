/**
 * Measures one command of the pipeline benchmark in its own process tree: wall seconds (spawn to
 * exit), CPU seconds (user + system of the whole tree, from /usr/bin/time, which waits for every
 * descendant), the largest single process's peak RSS (maxRSS, from /usr/bin/time) and the peak of
 * the tree's summed RSS (sampled from /proc every 250 ms: separate sessions and Spark run several
 * processes at once), and the load average before and after.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';

/** What one measured command did. */
export interface Measurement {
  readonly ok: boolean;
  /** Why it failed (exit code, signal, timeout), with the tail of its log. */
  readonly error?: string;
  readonly wallSeconds: number;
  readonly userSeconds: number;
  readonly sysSeconds: number;
  readonly cpuSeconds: number;
  /** Peak RSS of the largest single process of the tree (exact, kernel maxrss). */
  readonly maxRssMB: number;
  /** Peak of the tree's total RSS (sampled every 250 ms; at least maxRssMB). */
  readonly treePeakRssMB: number;
  /** 1-minute load average when the command started and when it ended. */
  readonly loadStart: number;
  readonly loadEnd: number;
}

const PAGE = 4096;

/** Direct children of a process (every thread's), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
      if (text !== '') for (const c of text.split(' ')) out.push(Number(c));
    } catch {
      // The thread ended while we looked.
    }
  }
  return out;
}

/** Resident bytes of one process, 0 once it is gone. */
function rssBytes(pid: number): number {
  try {
    const statm = fs.readFileSync(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** Summed RSS of a process and all its descendants, in MB. */
export function treeRssMB(root: number): number {
  let total = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += rssBytes(pid);
    stack.push(...childrenOf(pid));
  }
  return total / 1048576;
}

/**
 * Runs `cmd args` under /usr/bin/time in its own process group, stdout and stderr to `logFile`;
 * kills the group after `timeoutSec`.
 */
export function measure(cmd: string, args: readonly string[], opts: { readonly cwd: string; readonly logFile: string; readonly timeoutSec: number; readonly env?: NodeJS.ProcessEnv }): Promise<Measurement> {
  const statsFile = `${opts.logFile}.time`;
  fs.rmSync(statsFile, { force: true });
  const log = fs.openSync(opts.logFile, 'w');
  const loadStart = os.loadavg()[0]!;
  const t0 = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', statsFile, cmd, ...args], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, treeRssMB(child.pid));
  }, 250);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, opts.timeoutSec * 1000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      clearInterval(sampler);
      clearTimeout(timer);
      fs.closeSync(log);
      const loadEnd = os.loadavg()[0]!;
      let user = 0;
      let sys = 0;
      let maxKb = 0;
      if (fs.existsSync(statsFile)) {
        // /usr/bin/time writes "Command exited with non-zero status N" first when it fails.
        const last = fs.readFileSync(statsFile, 'utf8').trim().split('\n').pop() ?? '';
        const parts = last.split(' ').map(Number);
        if (parts.length === 4 && parts.every((x) => Number.isFinite(x))) [, user, sys, maxKb] = parts as [number, number, number, number];
      }
      const maxRssMB = maxKb / 1024;
      const ok = !timedOut && code === 0;
      const tail = (): string => {
        const text = fs.existsSync(opts.logFile) ? fs.readFileSync(opts.logFile, 'utf8') : '';
        return text.split('\n').filter((l) => l.trim() !== '').slice(-6).join(' | ').slice(0, 1500);
      };
      resolve({
        ok,
        ...(ok ? {} : { error: timedOut ? `timed out after ${opts.timeoutSec} s` : `exit ${code ?? signal}: ${tail()}` }),
        wallSeconds,
        userSeconds: user,
        sysSeconds: sys,
        cpuSeconds: user + sys,
        maxRssMB,
        treePeakRssMB: Math.max(peak, maxRssMB),
        loadStart,
        loadEnd,
      });
    });
  });
}
