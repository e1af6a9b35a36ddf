// Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) as self time per function,
// so "where the time goes" can be read without Chrome DevTools.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  share: number;
}

/** Self time per function (summed over call sites), largest first. */
export function selfTimes(profile: CpuProfile): FunctionTime[] {
  const byNode = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byNode.set(node.id, node);
  const selfUs = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byNode.get(profile.samples[i]!);
    const delta = profile.timeDeltas[i] ?? 0;
    if (node === undefined) continue;
    const frame = node.callFrame;
    const file = frame.url.replace(/^.*\/(src|dist|node_modules)\//, '$1/');
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    total += delta;
  }
  return [...selfUs]
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  const top = Number(process.argv[3] ?? 30);
  if (path === undefined) {
    process.stderr.write('usage: profile-summary.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  for (const entry of selfTimes(profile).slice(0, top)) {
    process.stdout.write(`${entry.selfMs.toFixed(0).padStart(8)} ms ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}\n`);
  }
}
