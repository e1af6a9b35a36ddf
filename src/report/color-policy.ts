/** What decides colour: the environment, whether stdout is a terminal, and `--color` / `--no-color`. */
export interface ColorContext {
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  /** `true` for `--color`, `false` for `--no-color`, undefined when neither was given. */
  flag: boolean | undefined;
}

/**
 * The usual conventions (no-color.org, FORCE_COLOR): an explicit flag wins;
 * then a non-empty `NO_COLOR` turns colour off; then `FORCE_COLOR` other than
 * `0` (or empty) forces it on; otherwise colour only on a TTY. `NO_COLOR` beats
 * `FORCE_COLOR` because it is the user's standing preference.
 */
export function shouldUseColor({ env, isTTY, flag }: ColorContext): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY;
}
