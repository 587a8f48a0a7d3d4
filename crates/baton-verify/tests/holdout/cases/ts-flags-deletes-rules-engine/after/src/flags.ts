export interface Flag {
  key: string;
  enabled: boolean;
}

export interface Context {
  userId: string;
  attributes: Record<string, string>;
}

export function evaluate(flag: Flag, _ctx: Context): boolean {
  return flag.enabled;
}
