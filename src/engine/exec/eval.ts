/**
 * Vectorised evaluation of expressions over a DataFrame. Literals stay scalars until an
 * operator needs a column; string predicates are computed once per dictionary entry and
 * gathered through the codes.
 */
import { C360Error } from '../../errors';
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn, allocBitmap, setBit } from '../column';
import { CmpOp, ExprNode, Scalar, renderExpr, typeOfExpr } from '../expr';
import { civilPacked, formatCell } from '../format';
import { DataFrame } from '../frame';
import { parseBool, parseDate, parseDecimal, parseInteger, parseTimestamp } from '../parse';
import { CellValue, DataType, MS_PER_DAY, NumericType, isNumericType } from '../types';
import { CaseEnv, evalCase, evalCoalesce } from './case';
import { FLIPPED, ScalarVal, Val, cmpOrdered, scalar } from './val';

/** What the CASE / COALESCE kernels need: evaluation and casts over this frame. */
function caseEnv(f: DataFrame): CaseEnv {
  const n = f.numRows;
  return { n, ev: (x) => ev(x, f), column: (v, type) => materialize(v, n, type), castScalar };
}

/** Evaluates an expression to a column of the frame's length. */
export function evalExpr(node: ExprNode, frame: DataFrame): Column {
  const t = typeOfExpr(node, frame.schema) ?? 'string';
  return materialize(ev(node, frame), frame.numRows, t);
}

/** Evaluates a predicate and returns the indices of the rows where it is true (null is false). */
export function selectTrue(node: ExprNode, frame: DataFrame): Int32Array {
  const n = frame.numRows;
  // A row passes `a AND b AND ...` exactly when every conjunct is true: select on the first,
  // then narrow the selection by the others (no three-valued AND column is built). Simple
  // conjuncts (a column against a literal, a string column in a list) test only the rows still
  // selected, without building a boolean column.
  const conjuncts: ExprNode[] = [];
  const flatten = (e: ExprNode): void => {
    if (e.op === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else conjuncts.push(e);
  };
  flatten(node);
  let sel: Int32Array | null = null; // null = every row
  let none = false;
  for (const c of conjuncts) {
    const fast = fastSelector(c, frame);
    if (fast !== undefined) {
      sel = fast(sel, n);
      continue;
    }
    const v = ev(c, frame);
    if (v.kind === 'scalar') {
      if (v.value !== true) none = true;
      continue;
    }
    if (conjuncts.length === 1 && v.kind !== 'bool') throw new C360Error(`a filter needs a boolean expression, got ${v.type}: ${renderExpr(node)}`);
    sel = narrowByBool(asBool(v), sel, n);
  }
  if (none) return new Int32Array(0);
  if (sel === null) return Int32Array.from({ length: n }, (_, i) => i);
  return sel.slice();
}

/** Narrows a selection (null = every row) to the rows where the test holds; may reuse sel's buffer. */
type Selector = (sel: Int32Array | null, n: number) => Int32Array;

/** Rows where a boolean column is true (not null), within sel. */
function narrowByBool(v: BoolColumn, sel: Int32Array | null, n: number): Int32Array {
  if (sel === null) return trueRows(v, n);
  const vals = v.values;
  const bits = v.validity;
  let k = 0;
  for (let j = 0; j < sel.length; j++) {
    const i = sel[j]!;
    if (vals[i] === 1 && (bits === null || (bits[i >>> 3]! & (1 << (i & 7))) !== 0)) sel[k++] = i;
  }
  return sel.subarray(0, k);
}

/**
 * A selector for the conjunct shapes that need no boolean column, or undefined. Only shapes whose
 * result is exactly `ev`'s: a numeric column against a non-NaN int/float64 literal (compared raw,
 * as `compare` does), a string column against a string literal or in a list of literals (tested
 * once per dictionary entry, as `perEntry` does). Null rows never pass.
 */
function fastSelector(node: ExprNode, frame: DataFrame): Selector | undefined {
  if ((node.op === 'isNull' || node.op === 'isNotNull') && node.arg.op === 'col') {
    const c = frame.column(node.arg.name);
    if (c.kind === 'list') return undefined;
    return validitySelector(c, node.op === 'isNull');
  }
  if (node.op === 'isIn' && node.arg.op === 'col') {
    const c = frame.column(node.arg.name);
    if (c.kind !== 'string') return undefined;
    const set = new Set(node.values.filter((x): x is string => typeof x === 'string'));
    return codeSelector(c, (x) => set.has(x));
  }
  if (node.op !== 'cmp') return undefined;
  let colNode: ExprNode;
  let litNode: ExprNode;
  let fn: CmpOp = node.fn;
  if (node.left.op === 'col' && node.right.op === 'lit') {
    colNode = node.left;
    litNode = node.right;
  } else if (node.left.op === 'lit' && node.right.op === 'col') {
    colNode = node.right;
    litNode = node.left;
    fn = FLIPPED[fn];
  } else return undefined;
  if (colNode.op !== 'col' || litNode.op !== 'lit') return undefined;
  const c = frame.column(colNode.name);
  const value = litNode.value;
  if (c.kind === 'string' && litNode.type === 'string' && typeof value === 'string') {
    // String order is total, so a flipped comparison is the same test.
    return codeSelector(c, (x) => cmpStr(fn, x, value));
  }
  if (c.kind === 'numeric' && (litNode.type === 'int' || litNode.type === 'float64') && typeof value === 'number' && !Number.isNaN(value)) {
    return numSelector(c, fn, value);
  }
  return undefined;
}

/** Rows that are present (null when `nulls`): string codes or the validity bitmap, branch-free. */
function validitySelector(c: NumericColumn | BoolColumn | StringColumn, nulls: boolean): Selector {
  const flip = nulls ? 1 : 0;
  return (sel, n) => {
    const len = sel === null ? n : sel.length;
    const out = sel ?? new Int32Array(n);
    let k = 0;
    if (c.kind === 'string') {
      const codes = c.codes;
      for (let j = 0; j < len; j++) {
        const i = sel === null ? j : sel[j]!;
        out[k] = i;
        k += (codes[i]! >>> 31) ^ flip ^ 1;
      }
      return out.subarray(0, k);
    }
    const bits = c.validity;
    if (bits === null) {
      if (nulls) return out.subarray(0, 0);
      if (sel === null) for (let i = 0; i < n; i++) out[i] = i;
      return out.subarray(0, len);
    }
    for (let j = 0; j < len; j++) {
      const i = sel === null ? j : sel[j]!;
      out[k] = i;
      k += ((bits[i >>> 3]! >> (i & 7)) & 1) ^ flip;
    }
    return out.subarray(0, k);
  };
}

function codeSelector(c: StringColumn, test: (s: string) => boolean): Selector {
  const table = new Uint8Array(c.dict.length);
  for (let k = 0; k < table.length; k++) table[k] = test(c.dict[k]!) ? 1 : 0;
  const codes = c.codes;
  // Branch-free selection: write the row, advance by 0 or 1.
  return (sel, n) => {
    let k = 0;
    if (sel === null) {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const code = codes[i]!;
        out[k] = i;
        k += code >= 0 ? table[code]! : 0;
      }
      return out.subarray(0, k);
    }
    for (let j = 0; j < sel.length; j++) {
      const i = sel[j]!;
      const code = codes[i]!;
      sel[k] = i;
      k += code >= 0 ? table[code]! : 0;
    }
    return sel.subarray(0, k);
  };
}

/** 1 for true, 0 for false, without a branch. */
function bit(b: boolean): number {
  return (b as unknown as number) | 0;
}

/** `cmpNum(fn, x, c)` for a constant c that is not NaN (a NaN x is above c), as in `cmpNumConst`. */
function numSelector(col: NumericColumn, fn: string, c: number): Selector {
  const xs = col.values;
  const bits = col.validity;
  const op = fn === '==' ? 0 : fn === '!=' ? 1 : fn === '<' ? 2 : fn === '<=' ? 3 : fn === '>' ? 4 : 5;
  const pass = (x: number): number => {
    switch (op) {
      case 0:
        return bit(x === c);
      case 1:
        return bit(x !== c);
      case 2:
        return bit(x < c);
      case 3:
        return bit(x <= c);
      case 4:
        return bit(x > c) | bit(x !== x);
      default:
        return bit(x >= c) | bit(x !== x);
    }
  };
  // Branch-free selection: write the row, advance by 0 or 1 (valid bit AND test).
  return (sel, n) => {
    let k = 0;
    if (sel === null) {
      const out = new Int32Array(n);
      if (bits === null) {
        for (let i = 0; i < n; i++) {
          out[k] = i;
          k += pass(xs[i]!);
        }
      } else {
        for (let i = 0; i < n; i++) {
          out[k] = i;
          k += ((bits[i >>> 3]! >> (i & 7)) & 1) & pass(xs[i]!);
        }
      }
      return out.subarray(0, k);
    }
    for (let j = 0; j < sel.length; j++) {
      const i = sel[j]!;
      sel[k] = i;
      k += (bits === null ? 1 : (bits[i >>> 3]! >> (i & 7)) & 1) & pass(xs[i]!);
    }
    return sel.subarray(0, k);
  };
}

/** Indices of the rows where a boolean column is true (and not null); a view of a buffer of n. */
function trueRows(v: BoolColumn, n: number): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  const vals = v.values;
  const bits = v.validity;
  if (bits === null) {
    for (let i = 0; i < n; i++) if (vals[i] === 1) out[k++] = i;
  } else {
    for (let i = 0; i < n; i++) if (vals[i] === 1 && (bits[i >>> 3]! & (1 << (i & 7))) !== 0) out[k++] = i;
  }
  return out.subarray(0, k);
}

/** Turns a value into a column of n rows of the given type. */
function materialize(v: Val, n: number, type: DataType): Column {
  if (v.kind !== 'scalar') return v.type === type ? v : castColumn(v, type);
  const value = v.type !== null && v.type !== type && v.value !== null ? castScalar(v.value, v.type, type) : v.value;
  if (value === null) {
    if (isNumericType(type)) return new NumericColumn(type, new Float64Array(n), allocBitmap(n));
    if (type === 'bool') return new BoolColumn(new Uint8Array(n), allocBitmap(n));
    if (type === 'string') return new StringColumn(new Int32Array(n).fill(-1), []);
    return new ListColumn(new Array<null>(n).fill(null));
  }
  if (isNumericType(type)) return new NumericColumn(type, new Float64Array(n).fill(value as number), null);
  if (type === 'bool') return new BoolColumn(new Uint8Array(n).fill(value ? 1 : 0), null);
  if (type === 'string') return new StringColumn(new Int32Array(n), [value as string]);
  return new ListColumn(new Array<readonly string[]>(n).fill(value as readonly string[]));
}

function ev(node: ExprNode, f: DataFrame): Val {
  switch (node.op) {
    case 'col':
      return f.column(node.name);
    case 'lit':
      return scalar(node.type, node.value);
    case 'arith':
      return arith(node.fn, ev(node.left, f), ev(node.right, f), f.numRows);
    case 'neg': {
      const a = ev(node.arg, f);
      // Doubles negate exactly (0 → -0); ints use 0 - x, which never gives -0.
      if (a.kind === 'scalar') return scalar(a.type, a.value === null ? null : a.type === 'float64' ? -(a.value as number) : 0 - (a.value as number));
      if (a.type === 'float64') return arith('*', a, scalar('int', -1), f.numRows);
      return arith('-', scalar('int', 0), a, f.numRows);
    }
    case 'cmp':
      return compare(node.fn, ev(node.left, f), ev(node.right, f), f.numRows);
    case 'and':
    case 'or':
      return logic(node.op, ev(node.left, f), ev(node.right, f), f.numRows);
    case 'not': {
      const a = ev(node.arg, f);
      if (a.kind === 'scalar') return scalar('bool', a.value === null ? null : !a.value);
      const b = asBool(a);
      const out = new Uint8Array(b.length);
      for (let i = 0; i < out.length; i++) out[i] = b.values[i]! ^ 1;
      return new BoolColumn(out, b.validity);
    }
    case 'isNull':
    case 'isNotNull': {
      const a = ev(node.arg, f);
      const want = node.op === 'isNull';
      if (a.kind === 'scalar') return scalar('bool', (a.value === null) === want);
      return new BoolColumn(validityBytes(a, want), null);
    }
    case 'isIn':
      return isIn(ev(node.arg, f), node.values, f.numRows);
    case 'coalesce':
    case 'case': {
      // No type means every argument / branch is an untyped null: stay an untyped null scalar so
      // that an enclosing operator (arithmetic, and/or) adopts it instead of meeting a string column.
      const t = typeOfExpr(node, f.schema);
      if (t === null) return scalar(null, null);
      const env = caseEnv(f);
      return node.op === 'case' ? evalCase(node, t, env) : evalCoalesce(node, t, env);
    }
    case 'cast': {
      const a = ev(node.arg, f);
      if (a.kind === 'scalar') return scalar(node.to, a.value === null || a.type === null ? null : castScalar(a.value, a.type, node.to));
      return castColumn(a, node.to);
    }
    case 'datePart':
      return datePart(node.part, ev(node.arg, f), f.numRows);
    case 'daysBetween': {
      const end = toDays(ev(node.end, f), f.numRows);
      const start = toDays(ev(node.start, f), f.numRows);
      return arith('-', end, start, f.numRows);
    }
  }
}

/** 1 per present row (per null row when `nulls`), 0 elsewhere. */
function validityBytes(a: Column, nulls: boolean): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  const flip = nulls ? 1 : 0;
  if (a.kind === 'string') {
    const codes = a.codes;
    for (let i = 0; i < n; i++) out[i] = (codes[i]! >>> 31) ^ flip ^ 1;
    return out;
  }
  const bits = a.validity;
  if (bits === null) return out.fill(flip ^ 1);
  for (let i = 0; i < n; i++) out[i] = ((bits[i >>> 3]! >> (i & 7)) & 1) ^ flip;
  return out;
}

function asBool(v: Column): BoolColumn {
  if (v.kind !== 'bool') throw new C360Error(`expected a boolean column, got ${v.type}`);
  return v;
}

/** Validity of the AND of two bitmaps (null = all valid). */
function andBits(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null) return b === null ? null : b.slice();
  if (b === null) return a.slice();
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

interface NumView {
  values: Float64Array | null;
  constant: number;
  validity: Uint8Array | null;
  allNull: boolean;
}

function numView(v: Val): NumView {
  if (v.kind === 'scalar') {
    if (v.value === null) return { values: null, constant: 0, validity: null, allNull: true };
    if (typeof v.value !== 'number') throw new C360Error(`expected a number, got ${JSON.stringify(v.value)}`);
    return { values: null, constant: v.value, validity: null, allNull: false };
  }
  if (v.kind !== 'numeric') throw new C360Error(`expected a numeric column, got ${v.type}`);
  return { values: v.values, constant: 0, validity: v.validity, allNull: false };
}

function arith(fn: '+' | '-' | '*' | '/', l: Val, r: Val, n: number): Val {
  const lt = l.kind === 'scalar' ? l.type : l.type;
  const rt = r.kind === 'scalar' ? r.type : r.type;
  const outType: NumericType = fn === '/' || lt === 'float64' || rt === 'float64' ? 'float64' : 'int';
  if (l.kind === 'scalar' && r.kind === 'scalar') {
    if (l.value === null || r.value === null) return scalar(outType, null);
    const a = l.value as number;
    const b = r.value as number;
    if (fn === '/' && b === 0) return scalar(outType, null);
    // `+ 0` turns -0 into 0: ints have no signed zero (0 * -3).
    return scalar(outType, fn === '+' ? a + b : fn === '-' ? a - b : fn === '*' ? a * b + (outType === 'int' ? 0 : -0) : a / b);
  }
  const L = numView(l);
  const R = numView(r);
  if (L.allNull || R.allNull) return materialize(scalar(outType, null), n, outType);
  const out = new Float64Array(n);
  let bits = andBits(L.validity, R.validity);
  const la = L.values;
  const ra = R.values;
  const lc = L.constant;
  const rc = R.constant;
  // One loop per operator and shape (column with column, column with constant, constant with column).
  switch (fn) {
    case '+':
      if (la !== null && ra !== null) for (let i = 0; i < n; i++) out[i] = la[i]! + ra[i]!;
      else if (la !== null) for (let i = 0; i < n; i++) out[i] = la[i]! + rc;
      else if (ra !== null) for (let i = 0; i < n; i++) out[i] = lc + ra[i]!;
      break;
    case '-':
      if (la !== null && ra !== null) for (let i = 0; i < n; i++) out[i] = la[i]! - ra[i]!;
      else if (la !== null) for (let i = 0; i < n; i++) out[i] = la[i]! - rc;
      else if (ra !== null) for (let i = 0; i < n; i++) out[i] = lc - ra[i]!;
      break;
    case '*': {
      // Adding 0 turns an int product of -0 (0 * -3) into 0; adding -0 leaves every double as it is.
      const z = outType === 'int' ? 0 : -0;
      if (la !== null && ra !== null) for (let i = 0; i < n; i++) out[i] = la[i]! * ra[i]! + z;
      else if (la !== null) for (let i = 0; i < n; i++) out[i] = la[i]! * rc + z;
      else if (ra !== null) for (let i = 0; i < n; i++) out[i] = lc * ra[i]! + z;
      break;
    }
    case '/':
      for (let i = 0; i < n; i++) {
        const d = ra === null ? rc : ra[i]!;
        if (d === 0) {
          if (bits === null) {
            bits = allocBitmap(n);
            bits.fill(255);
          }
          bits[i >>> 3]! &= ~(1 << (i & 7));
          out[i] = 0;
        } else out[i] = (la === null ? lc : la[i]!) / d;
      }
      break;
  }
  // Null rows hold 0 (a byte of the bitmap at a time: most bytes are all present).
  if (bits !== null) {
    for (let b = 0; b < bits.length; b++) {
      const byte = bits[b]!;
      if (byte === 0xff) continue;
      const i0 = b << 3;
      const end = Math.min(n, i0 + 8);
      for (let i = i0; i < end; i++) if (((byte >> (i - i0)) & 1) === 0) out[i] = 0;
    }
  }
  return new NumericColumn(outType, out, bits);
}

/** Converts a date/timestamp/string value to a day number (timestamps lose the time of day). */
function toDays(v: Val, n: number): Val {
  if (v.kind === 'scalar') {
    if (v.value === null) return scalar('int', null);
    if (v.type === 'timestamp') return scalar('int', Math.floor((v.value as number) / MS_PER_DAY));
    // Like a cast and like a text column: text that is not a date gives null.
    if (v.type === 'string') return scalar('int', castScalar(v.value, 'string', 'date'));
    return scalar('int', v.value);
  }
  if (v.kind === 'numeric' && v.type === 'date') return new NumericColumn('int', v.values, v.validity);
  if (v.kind === 'numeric' && v.type === 'timestamp') {
    const out = new Float64Array(v.length);
    for (let i = 0; i < out.length; i++) out[i] = Math.floor(v.values[i]! / MS_PER_DAY);
    return new NumericColumn('int', out, v.validity);
  }
  if (v.kind === 'string') return toDays(castColumn(v, 'timestamp'), n);
  throw new C360Error(`expected a date or timestamp, got ${v.type}`);
}

function valType(v: Val): DataType | null {
  return v.type;
}

/** Brings both sides of a comparison to one representation. */
function alignForCompare(l: Val, r: Val): [Val, Val] {
  const lt = valType(l);
  const rt = valType(r);
  if (lt === null || rt === null || lt === rt) return [l, r];
  const temporal = (t: DataType): boolean => t === 'date' || t === 'timestamp';
  if (temporal(lt) && rt === 'string') return [l, castVal(r, lt)];
  if (lt === 'string' && temporal(rt)) return [castVal(l, rt), r];
  if ((lt === 'date' && rt === 'timestamp') || (lt === 'timestamp' && rt === 'date')) {
    return [castVal(l, 'timestamp'), castVal(r, 'timestamp')];
  }
  return [l, r];
}

function castVal(v: Val, to: DataType): Val {
  if (v.kind === 'scalar') return scalar(to, v.value === null || v.type === null ? null : castScalar(v.value, v.type, to));
  return castColumn(v, to);
}

function cmpNum(fn: string, a: number, b: number): boolean {
  // Spark semantics, as in sort and min/max: NaN equals NaN and is larger than every number.
  if (a !== a || b !== b) return cmpNum(fn, a !== a ? (b !== b ? 0 : 1) : -1, 0);
  return cmpOrdered(fn, a, b);
}

function cmpStr(fn: string, a: string, b: string): boolean {
  return cmpOrdered(fn, a, b);
}

/** Evaluates a per-dictionary-entry predicate and gathers it through the codes. */
function perEntry(c: StringColumn, test: (s: string) => boolean): BoolColumn {
  const table = new Uint8Array(c.dict.length);
  for (let k = 0; k < table.length; k++) table[k] = test(c.dict[k]!) ? 1 : 0;
  const n = c.length;
  const out = new Uint8Array(n);
  let bits: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const code = c.codes[i]!;
    if (code < 0) {
      if (bits === null) {
        bits = allocBitmap(n);
        for (let j = 0; j < i; j++) setBit(bits, j);
      }
    } else {
      out[i] = table[code]!;
      if (bits !== null) setBit(bits, i);
    }
  }
  return new BoolColumn(out, bits);
}

function compare(fn: CmpOp, l0: Val, r0: Val, n: number): Val {
  const [l, r] = alignForCompare(l0, r0);
  if (l.kind === 'scalar' && r.kind === 'scalar') {
    if (l.value === null || r.value === null) return scalar('bool', null);
    if (typeof l.value === 'string') return scalar('bool', cmpStr(fn, l.value, r.value as string));
    return scalar('bool', cmpNum(fn, Number(l.value), Number(r.value)));
  }
  if ((l.kind === 'scalar' && l.value === null) || (r.kind === 'scalar' && r.value === null)) {
    return materialize(scalar('bool', null), n, 'bool');
  }
  if (l.kind === 'string' && r.kind === 'scalar') {
    const s = r.value as string;
    return perEntry(l, (x) => cmpStr(fn, x, s));
  }
  if (l.kind === 'scalar' && r.kind === 'string') {
    const s = l.value as string;
    return perEntry(r, (x) => cmpStr(fn, s, x));
  }
  if (l.kind === 'string' && r.kind === 'string') {
    const out = new Uint8Array(n);
    const bits = andBits(l.validity, r.validity);
    const same = l.dict === r.dict && (fn === '==' || fn === '!=');
    if (!same && (fn === '==' || fn === '!=')) {
      // Equality through the dictionaries: each entry of one side is looked up once in the other.
      const eq = crossCodes(l, r);
      const ne = fn === '!=' ? 1 : 0;
      const lc = l.codes;
      const rc = r.codes;
      for (let i = 0; i < n; i++) {
        const a = lc[i]!;
        const b = rc[i]!;
        if (a >= 0 && b >= 0) out[i] = (eq.left ? eq.map[a] === b : eq.map[b] === a) ? 1 - ne : ne;
      }
      return new BoolColumn(out, bits);
    }
    for (let i = 0; i < n; i++) {
      const a = l.codes[i]!;
      const b = r.codes[i]!;
      if (a < 0 || b < 0) continue;
      out[i] = (same ? cmpNum(fn, a, b) : cmpStr(fn, l.dict[a]!, r.dict[b]!)) ? 1 : 0;
    }
    return new BoolColumn(out, bits);
  }
  if (l.kind === 'bool' || r.kind === 'bool') {
    const lb = l.kind === 'scalar' ? null : asBool(l);
    const rb = r.kind === 'scalar' ? null : asBool(r);
    const out = new Uint8Array(n);
    const bits = andBits(lb?.validity ?? null, rb?.validity ?? null);
    const lc = l.kind === 'scalar' ? (l.value ? 1 : 0) : 0;
    const rc = r.kind === 'scalar' ? (r.value ? 1 : 0) : 0;
    for (let i = 0; i < n; i++) out[i] = cmpNum(fn, lb === null ? lc : lb.values[i]!, rb === null ? rc : rb.values[i]!) ? 1 : 0;
    return new BoolColumn(out, bits);
  }
  const L = numView(l);
  const R = numView(r);
  const out = new Uint8Array(n);
  const bits = andBits(L.validity, R.validity);
  const la = L.values;
  const ra = R.values;
  // A column against a (non-NaN) constant: one tight loop per operator.
  if (la !== null && ra === null && !Number.isNaN(R.constant)) cmpNumConst(fn, la, R.constant, out);
  else if (la === null && ra !== null && !Number.isNaN(L.constant)) cmpNumConst(FLIPPED[fn], ra, L.constant, out);
  else for (let i = 0; i < n; i++) out[i] = cmpNum(fn, la === null ? L.constant : la[i]!, ra === null ? R.constant : ra[i]!) ? 1 : 0;
  return new BoolColumn(out, bits);
}

/**
 * For equality of two string columns with different dictionaries: the entries of the smaller
 * dictionary looked up in the larger, as codes of the other side (-1: absent). `left`: the map is
 * indexed by the left column's codes.
 */
function crossCodes(l: StringColumn, r: StringColumn): { left: boolean; map: Int32Array } {
  const left = l.dict.length <= r.dict.length;
  const [from, to] = left ? [l, r] : [r, l];
  const index = to.dictLookup();
  const map = new Int32Array(from.dict.length);
  for (let k = 0; k < map.length; k++) map[k] = index.get(from.dict[k]!);
  return { left, map };
}


/** out[i] = cmpNum(fn, xs[i], c) for a constant c that is not NaN (a NaN x is above c). */
function cmpNumConst(fn: string, xs: Float64Array, c: number, out: Uint8Array): void {
  const n = xs.length;
  switch (fn) {
    case '==':
      for (let i = 0; i < n; i++) out[i] = xs[i] === c ? 1 : 0;
      return;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = xs[i] !== c ? 1 : 0;
      return;
    case '<':
      for (let i = 0; i < n; i++) out[i] = xs[i]! < c ? 1 : 0;
      return;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = xs[i]! <= c ? 1 : 0;
      return;
    case '>':
      for (let i = 0; i < n; i++) {
        const x = xs[i]!;
        out[i] = x > c || x !== x ? 1 : 0;
      }
      return;
    default:
      for (let i = 0; i < n; i++) {
        const x = xs[i]!;
        out[i] = x >= c || x !== x ? 1 : 0;
      }
  }
}

function logic(op: 'and' | 'or', l: Val, r: Val, n: number): Val {
  const L = l.kind === 'scalar' ? materialize(l, n, 'bool') : asBool(l);
  const R = r.kind === 'scalar' ? materialize(r, n, 'bool') : asBool(r);
  const lb = L as BoolColumn;
  const rb = R as BoolColumn;
  const out = new Uint8Array(n);
  const lv = lb.validity;
  const rv = rb.validity;
  const la = lb.values;
  const ra = rb.values;
  if (lv === null && rv === null) {
    if (op === 'and') for (let i = 0; i < n; i++) out[i] = la[i] === 1 && ra[i] === 1 ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = la[i] === 1 || ra[i] === 1 ? 1 : 0;
    return new BoolColumn(out, null);
  }
  // Three-valued logic: false AND null is false, true OR null is true, otherwise null wins.
  const bits = allocBitmap(n);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const lk = lv === null || (lv[i >>> 3]! & (1 << (i & 7))) !== 0;
    const rk = rv === null || (rv[i >>> 3]! & (1 << (i & 7))) !== 0;
    const a = la[i] === 1;
    const b = ra[i] === 1;
    if (op === 'and' ? (lk && !a) || (rk && !b) : (lk && a) || (rk && b)) {
      out[i] = op === 'and' ? 0 : 1;
      bits[i >>> 3]! |= 1 << (i & 7);
    } else if (lk && rk) {
      out[i] = op === 'and' ? 1 : 0;
      bits[i >>> 3]! |= 1 << (i & 7);
    } else nulls++;
  }
  return new BoolColumn(out, nulls === 0 ? null : bits);
}

function isIn(v: Val, values: readonly Scalar[], n: number): Val {
  if (v.kind === 'scalar') return scalar('bool', v.value === null ? null : values.includes(v.value as Scalar));
  if (v.kind === 'string') {
    const set = new Set(values.filter((x): x is string => typeof x === 'string'));
    return perEntry(v, (s) => set.has(s));
  }
  if (v.kind === 'numeric') {
    const set = new Set(values.filter((x): x is number => typeof x === 'number'));
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = set.has(v.values[i]!) ? 1 : 0;
    return new BoolColumn(out, v.validity);
  }
  if (v.kind === 'bool') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = values.includes(v.values[i] === 1) ? 1 : 0;
    return new BoolColumn(out, v.validity);
  }
  throw new C360Error('isIn does not take lists');
}

/** Casts one JS value between types (null when it does not convert). */
export function castScalar(v: CellValue, from: DataType, to: DataType): CellValue {
  if (v === null || from === to) return v;
  if (to === 'string') return formatCell(v, from);
  if (from === 'string') {
    const s = v as string;
    switch (to) {
      case 'float64':
        return parseDecimal(s.trim()) ?? null;
      case 'int': {
        const d = parseDecimal(s.trim());
        return d === undefined ? null : Math.trunc(d) + 0;
      }
      case 'bool':
        return parseBool(s.trim()) ?? null;
      case 'date': {
        const ts = parseTimestamp(s.trim());
        return ts === undefined ? null : Math.floor(ts / MS_PER_DAY);
      }
      case 'timestamp':
        return parseTimestamp(s.trim()) ?? null;
      default:
        return null;
    }
  }
  const x = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  switch (to) {
    case 'float64':
      // Timestamps convert to seconds, the inverse of float64 → timestamp below.
      return from === 'timestamp' ? x / 1000 : x;
    case 'int':
      // `+ 0`: ints have no negative zero (trunc(-0.5) is -0).
      return (from === 'timestamp' ? Math.floor(x / 1000) : Math.trunc(x)) + 0;
    case 'bool':
      return x !== 0;
    case 'date':
      if (from === 'timestamp') return Math.floor(x / MS_PER_DAY);
      return from === 'date' ? x : null;
    case 'timestamp':
      if (from === 'date') return x * MS_PER_DAY;
      return from === 'int' || from === 'float64' ? x * 1000 : null;
    default:
      return null;
  }
}

/** Casts a column to another type. */
export function castColumn(c: Column, to: DataType): Column {
  if (c.type === to) return c;
  const n = c.length;
  if (c.kind === 'string' && to !== 'string' && to !== 'list<string>') {
    // Convert each dictionary entry once.
    const conv = c.dict.map((s) => castScalar(s, 'string', to));
    const b: CellValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const code = c.codes[i]!;
      b[i] = code < 0 ? null : (conv[code] ?? null);
    }
    return fromValues(to, b);
  }
  if (to === 'string' && c.kind !== 'string') {
    const dict: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = c.get(i);
      if (v === null) {
        codes[i] = -1;
        continue;
      }
      const s = formatCell(v, c.type);
      let k = index.get(s);
      if (k === undefined) {
        k = dict.length;
        dict.push(s);
        index.set(s, k);
      }
      codes[i] = k;
    }
    return new StringColumn(codes, dict);
  }
  if (c.kind === 'numeric' && isNumericType(to)) {
    if (c.type === 'int' && to === 'float64') return new NumericColumn(to, c.values, c.validity);
    const out = new Float64Array(n);
    let bits: Uint8Array | null = c.validity === null ? null : c.validity.slice();
    for (let i = 0; i < n; i++) {
      if (!c.isValid(i)) continue;
      const r = castScalar(c.values[i]!, c.type, to);
      if (r === null) {
        if (bits === null) {
          bits = allocBitmap(n);
          bits.fill(255);
        }
        bits[i >>> 3]! &= ~(1 << (i & 7));
      } else out[i] = r as number;
    }
    return new NumericColumn(to, out, bits);
  }
  const vals: CellValue[] = new Array(n);
  for (let i = 0; i < n; i++) vals[i] = castScalar(c.get(i), c.type, to);
  return fromValues(to, vals);
}

function fromValues(type: DataType, vals: readonly CellValue[]): Column {
  const n = vals.length;
  if (isNumericType(type)) {
    const out = new Float64Array(n);
    let bits: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === null || v === undefined) {
        if (bits === null) {
          bits = allocBitmap(n);
          for (let j = 0; j < i; j++) setBit(bits, j);
        }
      } else {
        out[i] = v as number;
        if (bits !== null) setBit(bits, i);
      }
    }
    return new NumericColumn(type, out, bits);
  }
  if (type === 'bool') {
    const out = new Uint8Array(n);
    let bits: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === null || v === undefined) {
        if (bits === null) {
          bits = allocBitmap(n);
          for (let j = 0; j < i; j++) setBit(bits, j);
        }
      } else {
        out[i] = v ? 1 : 0;
        if (bits !== null) setBit(bits, i);
      }
    }
    return new BoolColumn(out, bits);
  }
  if (type === 'string') {
    const dict: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === null || v === undefined) {
        codes[i] = -1;
        continue;
      }
      const s = v as string;
      let k = index.get(s);
      if (k === undefined) {
        k = dict.length;
        dict.push(s);
        index.set(s, k);
      }
      codes[i] = k;
    }
    return new StringColumn(codes, dict);
  }
  return new ListColumn(vals.map((v) => (v === null ? null : (v as readonly string[]))));
}

/**
 * The year (which = 0), month (1) or quarter (2) of a day number, as `civilFromDays` computes it
 * (proleptic Gregorian, no time zone), without allocating.
 */
function civilPart(days: number, which: number): number {
  const p = civilPacked(days);
  const y = Math.floor(p / 10000);
  if (which === 0) return y;
  const m = Math.floor((p - y * 10000) / 100);
  return which === 1 ? m : Math.floor((m - 1) / 3) + 1;
}

function datePart(part: string, v: Val, n: number): Val {
  if (v.kind === 'scalar') {
    if (v.value === null) return scalar(part === 'date' ? 'date' : 'int', null);
    const col = materialize(v, 1, v.type ?? 'timestamp');
    const r = datePart(part, col, 1) as NumericColumn;
    return scalar(r.type, r.get(0));
  }
  if (v.kind === 'string') return datePart(part, castColumn(v, 'timestamp'), n);
  if (v.kind !== 'numeric' || (v.type !== 'date' && v.type !== 'timestamp')) throw new C360Error(`${part}() needs a date or timestamp, got ${v.type}`);
  const isTs = v.type === 'timestamp';
  const out = new Float64Array(n);
  const src = v.values;
  if (part === 'hour') {
    if (isTs) {
      for (let i = 0; i < n; i++) {
        const x = src[i]!;
        out[i] = Math.floor((x - Math.floor(x / MS_PER_DAY) * MS_PER_DAY) / 3_600_000);
      }
    }
    return new NumericColumn('int', out, v.validity);
  }
  // Day numbers first.
  if (isTs) for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]! / MS_PER_DAY);
  else out.set(src);
  if (part === 'date') return new NumericColumn('date', out, v.validity);
  if (part === 'dayOfWeek') {
    for (let i = 0; i < n; i++) out[i] = ((((out[i]! + 4) % 7) + 7) % 7) + 1;
    return new NumericColumn('int', out, v.validity);
  }
  // Year, month or quarter: computed once per day of the range the rows span (dates cluster), or
  // per row when the range is much wider than the rows.
  const which = part === 'year' ? 0 : part === 'month' ? 1 : 2;
  const civil = (day: number): number => civilPart(day, which);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = out[i]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (lo <= hi && hi - lo <= Math.max(4096, 2 * n)) {
    const table = new Float64Array(hi - lo + 1);
    for (let k = 0; k < table.length; k++) table[k] = civil(lo + k);
    for (let i = 0; i < n; i++) {
      const d = out[i]!;
      out[i] = table[d - lo] ?? civil(d);
    }
  } else for (let i = 0; i < n; i++) out[i] = civil(out[i]!);
  return new NumericColumn(part === 'date' ? 'date' : 'int', out, v.validity);
}
