export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email.trim());
}

export function passwordProblems(pw: string): string[] {
  const problems: string[] = [];
  if (pw.length < 10) problems.push('at least 10 characters');
  if (!/[0-9]/.test(pw)) problems.push('a digit');
  if (!/[A-Z]/.test(pw)) problems.push('an uppercase letter');
  return problems;
}
