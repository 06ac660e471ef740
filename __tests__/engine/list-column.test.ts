import fc from 'fast-check';
import { ListBuilder, ListColumn, StringColumn, columnFrom, concatColumns, nullColumn } from '../../src/engine/column';
import { aggregate, compareStrings } from '../../src/engine/exec/aggregate';
import { col } from '../../src/engine/expr';
import { formatCell } from '../../src/engine/format';
import { DataFrame } from '../../src/engine/frame';
import { fromDanfo, toDanfo } from '../../src/io/danfo';
import { AWKWARD_STRINGS, PROPERTY_RUNS } from '../helpers/frames';

type Lists = (readonly string[] | null)[];

/** Strings that JSON escapes or that are not ASCII. */
const TRICKY = ['say "hi"', 'back\\slash', 'new\nline', 'tab\t', '\u0001', '日本', '😀', 'e\u0301', '', ',', "it's"];

const listsArb: fc.Arbitrary<Lists> = fc.array(fc.option(fc.array(fc.constantFrom(...AWKWARD_STRINGS, ...TRICKY), { maxLength: 4 }), { nil: null, freq: 4 }), { maxLength: 20 });

function build(values: Lists): ListColumn {
  const b = new ListBuilder();
  for (const v of values) {
    if (v === null) b.appendNull();
    else b.append(v);
  }
  return b.finish();
}

function rowsOf(c: ListColumn): Lists {
  return Array.from({ length: c.length }, (_, i) => c.get(i));
}

describe('ListColumn storage', () => {
  it('keeps offsets and codes into a dictionary of unique strings, with null rows empty', () => {
    const c = build([['b', 'a', 'b'], null, [], ['a']]);
    expect(Array.from(c.offsets)).toEqual([0, 3, 3, 3, 4]);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, 1]);
    expect(c.dict).toEqual(['b', 'a']);
    expect(c.nullCount()).toBe(1);
    expect(rowsOf(c)).toEqual([['b', 'a', 'b'], null, [], ['a']]);
  });

  it('builds the same column from row arrays as the builder does', () => {
    fc.assert(
      fc.property(listsArb, (values) => {
        const a = new ListColumn(values);
        expect(rowsOf(a)).toEqual(values);
        expect(a.values).toEqual(values);
        expect(rowsOf(build(values))).toEqual(values);
        expect(a.validity === null).toBe(values.every((v) => v !== null));
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives JSON text exactly as JSON.stringify of the row, and the same text through formatCell', () => {
    fc.assert(
      fc.property(listsArb, (values) => {
        const c = build(values);
        values.forEach((v, i) => {
          expect(c.jsonAt(i)).toBe(v === null ? null : JSON.stringify(v));
          expect(formatCell(c.get(i), 'list<string>')).toBe(v === null ? '' : JSON.stringify(v));
        });
      }),
      PROPERTY_RUNS,
    );
  });

  it('gathers rows by index with -1 as null, also from a take of a take', () => {
    const pick = (n: number): fc.Arbitrary<Int32Array> =>
      fc.array(n === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: n - 1 }), { maxLength: 25 }).map((a) => Int32Array.from(a));
    fc.assert(
      fc.property(
        listsArb.chain((v) => fc.tuple(fc.constant(v), pick(v.length))).chain(([v, i]) => fc.tuple(fc.constant(v), fc.constant(i), pick(i.length))),
        ([values, idx, idx2]) => {
          const once = build(values).take(idx);
          const expectedOnce = Array.from(idx, (i) => (i < 0 ? null : values[i]!));
          expect(once.pending).toBe(true);
          const twice = once.take(idx2);
          expect(rowsOf(twice)).toEqual(Array.from(idx2, (i) => (i < 0 ? null : expectedOnce[i]!)));
          expect(rowsOf(once)).toEqual(expectedOnce);
          expect(twice.dict).toBe(once.dict);
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('concatenates columns with their own or a shared dictionary, keeping nulls and empty lists', () => {
    fc.assert(
      fc.property(fc.array(listsArb, { minLength: 1, maxLength: 4 }), (parts) => {
        const cols = parts.map(build);
        expect(rowsOf(concatColumns('list<string>', cols) as ListColumn)).toEqual(parts.flat());
        const base = build(parts.flat());
        let at = 0;
        const slices = parts.map((p) => {
          const idx = Int32Array.from(p, (_, i) => at + i);
          at += p.length;
          return base.take(idx);
        });
        const joined = concatColumns('list<string>', slices) as ListColumn;
        expect(joined.dict).toBe(base.dict);
        expect(rowsOf(joined)).toEqual(parts.flat());
      }),
      PROPERTY_RUNS,
    );
  });

  it('makes empty and all-null columns', () => {
    expect(build([]).length).toBe(0);
    expect(Array.from(build([]).offsets)).toEqual([0]);
    expect(rowsOf(nullColumn('list<string>', 3) as ListColumn)).toEqual([null, null, null]);
    expect(rowsOf(columnFrom('list<string>', [[], null]) as ListColumn)).toEqual([[], null]);
    expect(DataFrame.empty([{ name: 'l', type: 'list<string>' }]).take(new Int32Array(0)).numRows).toBe(0);
  });

  it('rejects buffers without offsets', () => {
    expect(() => new ListColumn(new Int32Array(0), new Int32Array(0), [], null)).toThrow('a list column needs length + 1 offsets');
  });
});

describe('collectList', () => {
  const groupsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(fc.constantFrom(...AWKWARD_STRINGS, ...TRICKY), { nil: null })), { maxLength: 40 });

  /** The lists of each group in order of first appearance: row order, or sorted. */
  function expected(rows: readonly [number, string | null][], sorted: boolean): { k: number[]; l: string[][] } {
    const order: number[] = [];
    const lists = new Map<number, string[]>();
    for (const [k, s] of rows) {
      if (!lists.has(k)) {
        order.push(k);
        lists.set(k, []);
      }
      if (s !== null) lists.get(k)!.push(s);
    }
    return { k: order, l: order.map((k) => (sorted ? [...lists.get(k)!].sort(compareStrings) : lists.get(k)!)) };
  }

  it('collects the non-null strings of each group in row order, or in string order when sorted', () => {
    fc.assert(
      fc.property(groupsArb, fc.boolean(), (rows, sorted) => {
        const f = DataFrame.fromColumns({ k: { type: 'int', values: rows.map((r) => r[0]) }, s: { type: 'string', values: rows.map((r) => r[1]) } });
        const out = aggregate(f, ['k'], [{ name: 'l', agg: col('s').collectList({ sorted }).node }]);
        const want = expected(rows, sorted);
        expect(out).toEqualColumns({ k: want.k, l: want.l });
        const l = out.column('l') as ListColumn;
        expect(l.dict).toBe((f.column('s') as StringColumn).dict);
        expect(l.validity).toBeNull();
      }),
      PROPERTY_RUNS,
    );
  });

  it('sorts long lists too', () => {
    const strings = Array.from({ length: 100 }, (_, i) => `s${(i * 37) % 61}`);
    const f = DataFrame.fromColumns({ k: { type: 'int', values: strings.map((_, i) => i % 2) }, s: { type: 'string', values: strings } });
    const out = aggregate(f, ['k'], [{ name: 'l', agg: col('s').collectList({ sorted: true }).node }]);
    expect(out.values('l')).toEqual([0, 1].map((k) => strings.filter((_, i) => i % 2 === k).sort(compareStrings)));
  });

  it('sorts by code unit, as Spark sorts ASCII text', () => {
    const f = DataFrame.fromColumns({ k: { type: 'int', values: [1, 1, 1, 1, 1] }, s: { type: 'string', values: ['b', 'B', 'é', 'a', 'b'] } });
    const out = aggregate(f, ['k'], [{ name: 'l', agg: col('s').collectList({ sorted: true }).node }]);
    expect(out.values('l')).toEqual([['B', 'a', 'b', 'b', 'é']]);
  });
});

describe('list columns through danfo', () => {
  it('round-trips lists with nulls, empty lists, quotes and non-ASCII text', () => {
    const values: Lists = [['say "hi"', '日本'], [], null, ['😀', 'a,b', 'say "hi"']];
    const f = DataFrame.fromColumns({ l: { type: 'list<string>', values } });
    const back = fromDanfo(toDanfo(f), { types: { l: 'list<string>' } });
    expect(back).toEqualColumns({ l: values });
  });
});
