// A mistake in the command line: the command prints its message and exits with EXIT.usage. Kept
// apart from connection.ts so that commands without a server (verify, export) need not load it.

export class UsageError extends Error {}

/** The message to show for a mistake in the command line (ours, or node:util parseArgs'), else undefined. */
export function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : undefined;
}
