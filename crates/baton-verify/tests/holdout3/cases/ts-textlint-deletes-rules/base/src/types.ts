export interface Diagnostic {
  rule: string;
  line: number;
  column: number;
  message: string;
}

export interface Rule {
  name: string;
  check(lines: string[], source: string): Diagnostic[];
}
