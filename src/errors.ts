/** A bad flag, value or combination of flags. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input that cannot be used: missing or unreadable file, undetectable format, corrupt baseline. Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

export function isKnownError(error: unknown): error is UsageError | InputError {
  return error instanceof UsageError || error instanceof InputError;
}

export const EXIT_OK = 0;
export const EXIT_VERDICT = 1;
export const EXIT_USAGE = 2;
