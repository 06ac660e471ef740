import { NumericBuilder } from '../../src/engine/column';
import { ColumnSink } from '../../src/io/csv-columns';

describe('ColumnSink', () => {
  it('builds numeric columns with nulls exactly as the engine builder does, across growth and from any first null', () => {
    for (const firstNull of [0, 5, 8, 16, 17, 40]) {
      const sink = new ColumnSink([{ type: 'float64', build: true }], 4);
      const engine = new NumericBuilder('float64', 4);
      for (let i = 0; i < 100; i++) {
        if (i === firstNull || (i > firstNull && i % 7 === 3)) {
          sink.putNull(0);
          engine.appendNull();
        } else {
          expect(sink.put(0, `${i}.5`)).toBe(true);
          engine.append(i + 0.5);
        }
      }
      expect(sink.finish()[0]).toEqual(engine.finish());
    }
  });

  it('gives the same values and validity as parts, viewed rather than copied', () => {
    const sink = new ColumnSink([{ type: 'int', build: true }, { type: 'string', build: true }], 2);
    const rows = ['1', '', '3', 'x', '5'];
    for (const v of rows) {
      if (v === '') {
        sink.putNull(0);
        sink.putNull(1);
      } else {
        expect(sink.put(0, v)).toBe(v !== 'x');
        sink.put(1, v);
      }
    }
    const [ints, strings] = sink.finishParts();
    expect(ints?.kind === 'numeric' ? [Array.from(ints.values), Array.from(ints.validity ?? [])] : null).toEqual([[1, 0, 3, 0, 5], [0b10101]]);
    expect(strings?.kind === 'string' ? Array.from(strings.codes) : null).toEqual([0, -1, 1, 2, 3]);
  });
});
