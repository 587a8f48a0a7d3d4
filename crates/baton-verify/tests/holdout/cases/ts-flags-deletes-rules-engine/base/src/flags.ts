import { matchRules, type Rule } from './rules';

export interface Flag {
  key: string;
  enabled: boolean;
  rules?: Rule[];
  rollout?: number; // 0..100
}

export interface Context {
  userId: string;
  attributes: Record<string, string>;
}

export function evaluate(flag: Flag, ctx: Context): boolean {
  if (!flag.enabled) return false;
  if (!matchRules(flag.rules!, ctx)) return false;
  if (flag.rollout !== undefined) return bucket(flag.key, ctx.userId) < flag.rollout;
  return true;
}

/** Stable 0..99 bucket for a (flag, user) pair (FNV-1a). */
export function bucket(flagKey: string, userId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${flagKey}:${userId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}
