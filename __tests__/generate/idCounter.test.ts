import { IdCounter } from '../../src/generate/idCounter';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('IdCounter', () => {
  it('formats prefix and zero-padded number, carrying through nines', () => {
    const ids = new IdCounter('TXN', 4);
    expect(text(ids.at(0))).toBe('TXN0000');
    expect(text(ids.at(1))).toBe('TXN0001');
    expect(text(ids.at(9))).toBe('TXN0009');
    expect(text(ids.at(10))).toBe('TXN0010');
    expect(text(ids.at(10))).toBe('TXN0010');
    expect(text(ids.at(999))).toBe('TXN0999');
    expect(text(ids.at(1000))).toBe('TXN1000');
    expect(text(ids.at(42))).toBe('TXN0042');
  });

  it('matches plain formatting over a long run of steps, repeats and jumps', () => {
    const ids = new IdCounter('ITEM', 7);
    const wrong: number[] = [];
    let n = 0;
    for (let i = 0; i < 20000; i++) {
      n += i % 7 === 0 ? 0 : i % 11 === 0 ? 37 : 1;
      if (text(ids.at(n)) !== `ITEM${String(n).padStart(7, '0')}`) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });
});
