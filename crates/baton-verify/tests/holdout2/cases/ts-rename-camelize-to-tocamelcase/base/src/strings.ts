/** "user_id" / "user-id" / "User ID" -> "userId" */
export function camelize(input: string): string {
  const words = input
    .trim()
    .split(/[\s_\-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
}
