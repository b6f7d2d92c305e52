import { interferenceProblems, type InterferenceProblem } from '@shared/interference/entry';

// The register's refusals are codes (shared/interference/entry.ts) set by the shared schema or
// by main; anything else (zod's own English) is shown as the generic INVALID.

export const problemOf = (message: string | undefined): InterferenceProblem | 'INVALID' =>
  (interferenceProblems as readonly (string | undefined)[]).includes(message) ? (message as InterferenceProblem) : 'INVALID';
