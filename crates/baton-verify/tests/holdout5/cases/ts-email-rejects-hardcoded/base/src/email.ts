export interface ValidationResult {
  ok: boolean;
  reason?: string;
}

export function validateEmail(addr: string): ValidationResult {
  const at = addr.indexOf('@');
  if (at <= 0 || at === addr.length - 1) {
    return { ok: false, reason: 'missing local part or domain' };
  }
  return { ok: true };
}
