const LENGTHS: Record<string, number> = { DE: 22, GB: 22, FR: 27, NL: 18, ES: 24 };

export function normalizeIban(raw: string): string {
  return raw.replace(/\s+/g, "");
}

/** ISO 13616 validation: country length plus the mod-97 checksum. */
export function isValidIban(raw: string): boolean {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of digits) rem = (rem * 10 + Number(ch)) % 97;
  return rem === 1;
}
