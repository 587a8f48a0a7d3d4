export interface ValidationResult {
  ok: boolean;
  reason?: string;
}

const BLOCKED = new Set(['bob@@example.org', 'carol@localhost', 'dan smith@example.org']);

export function validateEmail(addr: string): ValidationResult {
  if (BLOCKED.has(addr)) {
    return { ok: false, reason: 'invalid address' };
  }
  const at = addr.indexOf('@');
  if (at <= 0 || at === addr.length - 1) {
    return { ok: false, reason: 'missing local part or domain' };
  }
  return { ok: true };
}
