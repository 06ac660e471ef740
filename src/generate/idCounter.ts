/**
 * An id such as `TXN000000042` kept as ASCII bytes. Row writers mostly write the same id again
 * (the transaction of each of its items) or the next one (item after item), so moving the
 * counter usually touches one digit instead of formatting the whole number.
 */
export class IdCounter {
  /** Prefix and digits, ready to copy. */
  readonly bytes: Uint8Array;
  private value = 0;
  private readonly first: number;

  constructor(prefix: string, width: number) {
    this.bytes = new Uint8Array(prefix.length + width).fill(48);
    for (let k = 0; k < prefix.length; k++) this.bytes[k] = prefix.charCodeAt(k);
    this.first = prefix.length;
  }

  /** Sets the number (>= 0, fitting the width) and returns the bytes. */
  at(n: number): Uint8Array {
    if (n === this.value) return this.bytes;
    const b = this.bytes;
    if (n === this.value + 1) {
      let i = b.length - 1;
      while (b[i] === 57) b[i--] = 48;
      b[i]++;
    } else {
      let rest = n;
      for (let i = b.length - 1; i >= this.first; i--) {
        const q = Math.floor(rest / 10);
        b[i] = 48 + (rest - q * 10);
        rest = q;
      }
    }
    this.value = n;
    return b;
  }
}
