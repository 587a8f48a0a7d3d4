/** @deprecated Use isPostcode. */
export function validZip(text: string): boolean {
  return /^\d{5}$/.test(text);
}
