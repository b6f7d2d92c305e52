import type { z } from 'zod';

/** INVALID_INPUT's message for a body the schema refused: its first few problems, each with where. */
export function invalidInputMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
