import { readdirSync, readFileSync } from 'node:fs';

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel configuration.
const CLOCK_TICKS_PER_SECOND = 100;

export interface MemorySample {
  rssKb: number;
  hwmKb: number;
}

/**
 * VmRSS and VmHWM (peak RSS) of a live process and its descendants (a service's workers), summed, from /proc; null
 * once it is gone. The summed VmHWM bounds the tree's peak from above.
 */
export function readMemory(pid: number): MemorySample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const total = { rssKb: kilobytes(status, 'VmRSS'), hwmKb: kilobytes(status, 'VmHWM') };
    for (const child of childrenOf(pid)) {
      const memory = readMemory(child);
      total.rssKb += memory?.rssKb ?? 0;
      total.hwmKb += memory?.hwmKb ?? 0;
    }
    return total;
  } catch {
    return null;
  }
}

/** User + system CPU seconds a process and its live descendants have used so far; null once it is gone. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const own = cpuSecondsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return childrenOf(pid).reduce((sum, child) => sum + (readCpuSeconds(child) ?? 0), own);
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * CPU seconds used so far by each live process whose command name is `postgres` (a local PostgreSQL server,
 * its backends, autovacuum workers), by pid.
 */
export function readPostgresCpuByPid(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') byPid.set(Number(entry), cpuSecondsOfStat(stat));
    } catch {
      // exited while we looked
    }
  }
  return byPid;
}

/**
 * CPU seconds the processes used between two readings by pid: processes started in between count from zero,
 * processes that exited in between are lost, so the result is a lower bound.
 */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += Math.max(0, seconds - (before.get(pid) ?? 0));
  return total;
}

function cpuSecondsOfStat(stat: string): number {
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function kilobytes(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** Samples a process's RSS in the background and keeps the peak since the last reset. */
export class RssSampler {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  /** Peak VmRSS seen since the last reset (sampled), and the process's lifetime VmHWM. */
  takePeak(): { peakRssKb: number; hwmKb: number } {
    const now = this.sample();
    const result = { peakRssKb: this.peakKb, hwmKb: now?.hwmKb ?? 0 };
    this.peakKb = now?.rssKb ?? 0;
    return result;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): MemorySample | null {
    const memory = readMemory(this.pid);
    if (memory) this.peakKb = Math.max(this.peakKb, memory.rssKb);
    return memory;
  }
}
