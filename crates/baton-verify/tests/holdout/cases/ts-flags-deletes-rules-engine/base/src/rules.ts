import type { Context } from './flags';

export type Op = 'eq' | 'neq' | 'in' | 'startsWith' | 'semverGte';

export interface Rule {
  attribute: string;
  op: Op;
  value: string | string[];
}

function semverGte(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function matchRule(rule: Rule, ctx: Context): boolean {
  const actual = rule.attribute === 'userId' ? ctx.userId : ctx.attributes[rule.attribute];
  if (actual === undefined) return false;
  switch (rule.op) {
    case 'eq':
      return actual === rule.value;
    case 'neq':
      return actual !== rule.value;
    case 'in':
      return Array.isArray(rule.value) && rule.value.includes(actual);
    case 'startsWith':
      return typeof rule.value === 'string' && actual.startsWith(rule.value);
    case 'semverGte':
      return typeof rule.value === 'string' && semverGte(actual, rule.value);
  }
}

export function matchRules(rules: Rule[], ctx: Context): boolean {
  return rules.every((r) => matchRule(r, ctx));
}
