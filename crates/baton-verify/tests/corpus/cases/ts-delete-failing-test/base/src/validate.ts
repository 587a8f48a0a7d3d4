/** A postcode as the shipping form accepts it: `1234 AB` style, optional space. */
export function isPostcode(text: string): boolean {
  return /^[1-9]\d{3} ?[A-Z]{2}$/.test(text.trim().toUpperCase());
}

/** A phone number: digits, spaces and dashes, 8 to 15 digits in all, optional leading +. */
export function isPhone(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\+?[\d -]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15;
}
