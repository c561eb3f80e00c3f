import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = { windowMs: number; byPackage: { name: string; ms: number; share: number }[]; byFunction: { name: string; ms: number }[] };

/**
 * Where a V8 CPU profile (`node --cpu-prof`) spent its time, by package and by function. With
 * `lastMs`, only the samples of the profile's last `lastMs` milliseconds count (the load, not the
 * start-up before it); with `beforeEndMs`, only those of that window, counted back from the
 * profile's end (one of several loads the profiled process served in turn).
 */
export function summariseProfile(dir: string, options: { lastMs?: number; beforeEndMs?: { from: number; to: number }; top?: number } = {}): ProfileSummary {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const window = options.beforeEndMs ?? (options.lastMs ? { from: options.lastMs, to: 0 } : null);
  const from = window ? profile.endTime - window.from * 1000 : profile.startTime;
  const until = window ? profile.endTime - window.to * 1000 : profile.endTime;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > until) return;
    total += delta;
    const { url, functionName, lineNumber } = nodes.get(id)!.callFrame;
    add(byPackage, packageOf(url, functionName), delta);
    add(byFunction, `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`, delta);
  });
  const top = options.top ?? 12;
  return {
    windowMs: Math.round(total / 1000),
    byPackage: sorted(byPackage, top).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 1000 })),
    byFunction: sorted(byFunction, top).map(([name, us]) => ({ name, ms: Math.round(us / 1000) })),
  };
}

function packageOf(url: string, functionName: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (dependency) return dependency;
  if (url.startsWith('node:')) return url.includes('modules/') ? 'node (module loading)' : 'node (core)';
  if (url.startsWith('file:')) return `ours: ${url.replace(/^.*?\/(src|web|bot)\//, '$1/').split('/').slice(0, 2).join('/')}`;
  return functionName ? `(${functionName.replace(/[()]/g, '')})` : '(native)';
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|web|bot|bench)\//, '$1/');
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function sorted(map: Map<string, number>, top: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
}
