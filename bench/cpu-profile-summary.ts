import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface SelfTimeEntry {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time not idle: what the service's main thread actually ran. */
  busyMs: number;
  functions: SelfTimeEntry[];
  /** Self time per package (node_modules/<pkg>), per project folder, Node internals, GC. */
  modules: SelfTimeEntry[];
  /** Time with the function anywhere on the stack (each sample counted once per function). */
  inclusive: SelfTimeEntry[];
}

// Frames on nearly every stack: they say nothing about where the time goes.
const UNINFORMATIVE = new Set(['(root)', 'processTicksAndRejections', 'runMicrotasks', 'callbackTrampoline', 'emit', 'runInAsyncScope']);

/** Self time per function and per module of a V8 .cpuprofile (as written by --cpu-prof or the inspector). */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const hits = new Map<number, number>();
  if (profile.samples?.length) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  const totalHits = [...hits.values()].reduce((sum, count) => sum + count, 0) || 1;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerHit = totalMs / totalHits;
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nameOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  for (const [id, count] of hits) {
    if (nodesById.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
      const node = nodesById.get(current)!;
      if (UNINFORMATIVE.has(node.callFrame.functionName)) continue;
      const name = nameOf(node);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + count);
    }
  }
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let idleHits = 0;
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (!count) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') {
      idleHits += count;
      continue;
    }
    const name = nameOf(node);
    byFunction.set(name, (byFunction.get(name) ?? 0) + count);
    const module = moduleOf(functionName, url);
    byModule.set(module, (byModule.get(module) ?? 0) + count);
  }
  const busyHits = totalHits - idleHits;
  const entries = (map: Map<string, number>): SelfTimeEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, selfMs: count * msPerHit, percent: (100 * count) / (busyHits || 1) }));
  return {
    totalMs,
    busyMs: busyHits * msPerHit,
    functions: entries(byFunction),
    modules: entries(byModule),
    inclusive: [...inclusive]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top * 3)
      .map(([name, count]) => ({ name, selfMs: count * msPerHit, percent: (100 * count) / (busyHits || 1) })),
  };
}

function shortUrl(url: string): string {
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return url.slice(nodeModules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.replace(/^file:\/\//, '');
}

function moduleOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return url
      .slice(dist + '/dist/'.length)
      .split('/')
      .slice(0, 2)
      .join('/');
  return url;
}

export function formatProfileSummary(summary: ProfileSummary, top = 12): string {
  const lines = [`  busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms`];
  lines.push('  self time by module:');
  for (const entry of summary.modules.slice(0, top)) lines.push(`    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`);
  lines.push('  self time by function:');
  for (const entry of summary.functions.slice(0, top)) lines.push(`    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`);
  lines.push('  total (inclusive) time by function:');
  for (const entry of summary.inclusive.slice(0, top * 2)) lines.push(`    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`);
  return lines.join('\n');
}

// `node dist/bench/cpu-profile-summary.js FILE.cpuprofile [TOP]`: the same summary for any profile.
if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile-summary.js FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  const count = Number(top ?? 25);
  process.stdout.write(`${formatProfileSummary(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, count), count)}\n`);
}
