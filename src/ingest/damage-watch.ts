import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import { describeDamage, type InputDamage, type InputSource } from './open-input.js';

/** Skip reason of the last, partial line of an input that damage (gzip corruption, a read error) cut short. */
export const DAMAGED_INPUT = 'damaged-input';

/** Watches the bytes of one input: was it damaged, and did its readable part end mid-line? */
export class DamageWatch {
  damage: InputDamage | null = null;
  private lastByte = -1;

  constructor(
    private readonly source: InputSource,
    private readonly strict: boolean,
  ) {}

  onDamage = (damage: InputDamage): void => {
    if (this.strict) throw new InputError(`cannot read ${escapeTerminal(describeDamage(this.source.name, damage))}; --strict stops at damaged inputs`);
    this.damage = damage;
  };

  async *watch(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
      yield chunk;
    }
  }

  /**
   * Damage ends the byte stream, after which the line reader hands over only
   * the unfinished last line (if any): that line was cut by the damage.
   */
  cutsLineOf(): boolean {
    return this.damage !== null && this.lastByte !== -1 && this.lastByte !== 0x0a;
  }
}
