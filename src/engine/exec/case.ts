/**
 * CASE and COALESCE without temporaries.
 *
 * A CASE runs in two steps. First each row gets the index of the result it takes (a byte per row):
 * the branch conditions are tested branch after branch on the rows still undecided only (a
 * selection vector that shrinks), and consecutive conditions on one subject (`x < 50`, `x < 150`,
 * `x IS NULL`, or `s = 'a'`, `s IN (...)` on a string column) are tested together in one pass: per
 * row against a small list of constants for numbers, per dictionary entry for strings. Then the
 * result column is written in one pass: literal results are never spread into columns, string
 * results get codes in a dictionary built in first-appearance order (as a row-by-row gather would
 * build it), and string column results are remapped through a per-entry table filled lazily.
 *
 * SQL semantics: a null condition is not true; comparisons with null are null; numbers compare as
 * in `cmpNum` (NaN equals NaN and is above every number; -0 equals 0).
 */
import { C360Error } from '../../errors';
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn, allocBitmap } from '../column';
import { CmpOp, ExprNode, Scalar } from '../expr';
import { CellValue, DataType, NumericType, isNumericType } from '../types';
import { FLIPPED, ScalarVal, Val, cmpOrdered } from './val';

type CaseNode = Extract<ExprNode, { op: 'case' }>;
type CoalesceNode = Extract<ExprNode, { op: 'coalesce' }>;
type LitNode = Extract<ExprNode, { op: 'lit' }>;

/** What the kernels need from the evaluator. */
export interface CaseEnv {
  /** Rows of the frame. */
  readonly n: number;
  /** Evaluates a node over the frame. */
  ev(node: ExprNode): Val;
  /** A value as a column of n rows of a type (cast when needed). */
  column(v: Val, type: DataType): Column;
  /** Casts a scalar (null when it does not convert). */
  castScalar(v: CellValue, from: DataType, to: DataType): CellValue;
}

/** Per row, the index of the chosen result: a branch, or the number of branches for ELSE. */
type Choice = Uint8Array | Uint16Array;

type Evaluate = (node: ExprNode) => Val;

/** Evaluates each node once: conditions on one subject, and a subject that is also a result. */
function memoised(env: CaseEnv): Evaluate {
  const memo = new Map<ExprNode, Val>();
  return (node) => {
    let v = memo.get(node);
    if (v === undefined) {
      v = env.ev(node);
      memo.set(node, v);
    }
    return v;
  };
}

/** CASE WHEN ... THEN ... ELSE ... END as a column of type t. */
export function evalCase(node: CaseNode, t: DataType, env: CaseEnv): Column {
  const branches = [...node.branches];
  let otherwise = node.otherwise;
  // CASE WHEN a THEN x ELSE CASE WHEN b THEN y ELSE z END END is CASE WHEN a THEN x WHEN b THEN y ELSE z END:
  // `when(x.isNull(), null).otherwise(banded(x, ...))` becomes one chain on x.
  while (otherwise.op === 'case') {
    branches.push(...otherwise.branches);
    otherwise = otherwise.otherwise;
  }
  const ev = memoised(env);
  if (branches.length === 1 && isNumericType(t) && asTest(branches[0]!.when) === null) {
    const flag = flagFromBool(branches[0]!.when, branches[0]!.then, otherwise, t, ev, env);
    if (flag !== null) return flag;
  }
  const choice = chooseBranches(
    branches.map((b) => b.when),
    ev,
    env.n,
  );
  return assemble(t, [...branches.map((b) => b.then), otherwise], choice, ev, env);
}

/**
 * `flag(cond)`, or any CASE WHEN cond THEN a ELSE b END with non-null numeric literals a and b and a
 * condition evaluated to a boolean column: each row's number comes straight from the condition's
 * value and validity (a null condition takes b). Null when the shape does not apply.
 */
function flagFromBool(cond: ExprNode, then: ExprNode, otherwise: ExprNode, t: NumericType, ev: Evaluate, env: CaseEnv): NumericColumn | null {
  const a = ev(then);
  const b = ev(otherwise);
  if (a.kind !== 'scalar' || b.kind !== 'scalar') return null;
  const av = scalarAs(a, t, env);
  const bv = scalarAs(b, t, env);
  if (typeof av !== 'number' || typeof bv !== 'number') return null;
  const c = ev(cond);
  if (c.kind !== 'bool') return null;
  const n = env.n;
  const tab = Float64Array.of(bv, av); // by truth (0 or 1)
  const vals = c.values;
  const bits = c.validity;
  const out = new Float64Array(n);
  if (bits === null) for (let i = 0; i < n; i++) out[i] = tab[vals[i]!]!;
  else for (let i = 0; i < n; i++) out[i] = tab[vals[i]! & ((bits[i >>> 3]! >> (i & 7)) & 1)]!;
  return new NumericColumn(t, out, null);
}

const NULL_LIT: ExprNode = { op: 'lit', value: null, type: null };

/** COALESCE(a, b, ...) as a column of type t: the first non-null argument of each row. */
export function evalCoalesce(node: CoalesceNode, t: DataType, env: CaseEnv): Column {
  const ev = memoised(env);
  const args = node.args;
  const first = ev(args[0]!);
  if ((first.kind === 'numeric' || first.kind === 'bool') && first.validity === null) return env.column(first, t);
  if (first.kind === 'numeric' && isNumericType(t) && args.length >= 2) {
    const second = ev(args[1]!);
    if (second.kind === 'scalar') {
      // coalesce(x, v): a copy of x with its nulls set to v (a null v ends the list only when it is last).
      const v = scalarAs(second, t, env);
      if (v !== null || args.length === 2) return fillNulls(env.column(first, t) as NumericColumn, v);
    }
  }
  // The general case is CASE WHEN a IS NOT NULL THEN a WHEN b IS NOT NULL THEN b ... ELSE NULL END.
  const conds = args.map((arg): ExprNode => ({ op: 'isNotNull', arg }));
  const choice = chooseBranches(conds, ev, env.n);
  return assemble(t, [...args, NULL_LIT], choice, ev, env);
}

/** A numeric column with its nulls replaced by a value (a null value leaves it as it is). */
function fillNulls(c: NumericColumn, v: CellValue): NumericColumn {
  const bits = c.validity;
  if (v === null || bits === null) return c;
  const x = v as number;
  const out = c.values.slice();
  const n = out.length;
  for (let b = 0; b < bits.length; b++) {
    const byte = bits[b]!;
    if (byte === 0xff) continue;
    const i0 = b << 3;
    const end = Math.min(n, i0 + 8);
    for (let i = i0; i < end; i++) if (((byte >> (i - i0)) & 1) === 0) out[i] = x;
  }
  return new NumericColumn(c.type, out, null);
}

function scalarAs(v: ScalarVal, t: DataType, env: CaseEnv): CellValue {
  return v.type !== null && v.type !== t && v.value !== null ? env.castScalar(v.value, v.type, t) : v.value;
}

// ---------------------------------------------------------------------------------------------
// Step 1: which result each row takes.

/**
 * Consecutive branches tested together. `run` tests the rows of `sel` (null = every row), writes
 * the branch of each row that a condition decides into `choice`, and the undecided rows into
 * `rest` (in order; `rest` may be `sel` itself; null = not needed). `none` is the index that
 * undecided rows hold in `choice`. Returns the count in `rest`.
 */
interface Segment {
  readonly end: number;
  run(sel: Int32Array | null, n: number, choice: Choice, rest: Int32Array | null, none: number): number;
}

function chooseBranches(conds: readonly ExprNode[], ev: Evaluate, n: number): Choice {
  const nb = conds.length;
  if (nb >= 0xffff) throw new C360Error(`a CASE with ${nb} branches is too long`);
  const choice: Choice = nb < 0xff ? new Uint8Array(n) : new Uint16Array(n);
  choice.fill(nb);
  let sel: Int32Array | null = null;
  let k = 0;
  while (k < nb && (sel === null ? n > 0 : sel.length > 0)) {
    const seg = segmentAt(conds, k, ev);
    const rest: Int32Array | null = seg.end === nb ? null : (sel ?? new Int32Array(n));
    const r = seg.run(sel, n, choice, rest, nb);
    if (rest !== null) sel = rest.subarray(0, r);
    k = seg.end;
  }
  return choice;
}

/** A condition on one subject that a segment can test without evaluating the condition. */
type Test =
  | { readonly kind: 'null'; readonly subject: ExprNode; readonly isNull: boolean }
  | { readonly kind: 'cmp'; readonly subject: ExprNode; readonly fn: CmpOp; readonly lit: LitNode }
  | { readonly kind: 'in'; readonly subject: ExprNode; readonly values: readonly Scalar[] };


function asTest(cond: ExprNode): Test | null {
  switch (cond.op) {
    case 'isNull':
    case 'isNotNull':
      return { kind: 'null', subject: cond.arg, isNull: cond.op === 'isNull' };
    case 'isIn':
      return { kind: 'in', subject: cond.arg, values: cond.values };
    case 'cmp':
      if (cond.right.op === 'lit' && cond.left.op !== 'lit') return { kind: 'cmp', subject: cond.left, fn: cond.fn, lit: cond.right };
      if (cond.left.op === 'lit' && cond.right.op !== 'lit') return { kind: 'cmp', subject: cond.right, fn: FLIPPED[cond.fn], lit: cond.left };
      return null;
    default:
      return null;
  }
}

/** Structural equality of two expressions (the same node, or nodes built alike). */
export function sameExpr(a: ExprNode, b: ExprNode): boolean {
  if (a === b) return true;
  switch (a.op) {
    case 'col':
      return b.op === 'col' && a.name === b.name;
    case 'lit':
      return b.op === 'lit' && a.type === b.type && (Object.is(a.value, b.value) || sameList(a.value, b.value));
    case 'arith':
    case 'cmp':
      return b.op === a.op && a.fn === b.fn && sameExpr(a.left, b.left) && sameExpr(a.right, b.right);
    case 'and':
    case 'or':
      return b.op === a.op && sameExpr(a.left, b.left) && sameExpr(a.right, b.right);
    case 'not':
    case 'isNull':
    case 'isNotNull':
    case 'neg':
      return b.op === a.op && sameExpr(a.arg, b.arg);
    case 'coalesce':
      return b.op === 'coalesce' && a.args.length === b.args.length && a.args.every((x, i) => sameExpr(x, b.args[i]!));
    case 'case':
      return (
        b.op === 'case' &&
        a.branches.length === b.branches.length &&
        a.branches.every((x, i) => sameExpr(x.when, b.branches[i]!.when) && sameExpr(x.then, b.branches[i]!.then)) &&
        sameExpr(a.otherwise, b.otherwise)
      );
    case 'isIn':
      return b.op === 'isIn' && sameExpr(a.arg, b.arg) && a.values.length === b.values.length && a.values.every((x, i) => Object.is(x, b.values[i]));
    case 'cast':
      return b.op === 'cast' && a.to === b.to && sameExpr(a.arg, b.arg);
    case 'datePart':
      return b.op === 'datePart' && a.part === b.part && sameExpr(a.arg, b.arg);
    case 'daysBetween':
      return b.op === 'daysBetween' && sameExpr(a.end, b.end) && sameExpr(a.start, b.start);
  }
}

function sameList(a: CellValue, b: CellValue): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A test a numeric column answers as `compare` does: against a number that is not NaN, of type
 * int or float64 or of the column's own type (the cases that `compare` compares raw, uncast).
 */
function numericTest(col: NumericColumn, t: Test): boolean {
  if (t.kind === 'null') return true;
  if (t.kind !== 'cmp') return false;
  const { type, value } = t.lit;
  return (type === 'int' || type === 'float64' || type === col.type) && typeof value === 'number' && !Number.isNaN(value);
}

/** A test a string column answers per dictionary entry. */
function stringTest(t: Test): boolean {
  if (t.kind !== 'cmp') return true;
  return t.lit.type === 'string' && typeof t.lit.value === 'string';
}

function segmentAt(conds: readonly ExprNode[], k: number, ev: Evaluate): Segment {
  const first = asTest(conds[k]!);
  if (first !== null) {
    const subject = ev(first.subject);
    const accepts = subject.kind === 'numeric' ? (t: Test) => numericTest(subject, t) : subject.kind === 'string' ? stringTest : null;
    if (accepts !== null && accepts(first)) {
      const tests = [first];
      let end = k + 1;
      for (; end < conds.length; end++) {
        const t = asTest(conds[end]!);
        if (t === null || !sameExpr(t.subject, first.subject) || !accepts(t)) break;
        tests.push(t);
      }
      if (subject.kind === 'numeric') return numericSegment(subject, tests, k);
      if (subject.kind === 'string') return stringSegment(subject, tests, k);
    }
    if (first.kind === 'null') return validitySegment(subject, first.isNull, k);
  }
  return boolSegment(ev(conds[k]!), k);
}

/** Kinds of a numeric test against a constant c: x < c, x <= c, x == c, or true (IS NOT NULL). */
const LT = 0;
const LE = 1;
const EQ = 2;
const ALWAYS = 3;

function numericSegment(col: NumericColumn, tests: readonly Test[], k0: number): Segment {
  // Each comparison is a test or the negation of one: x > c is NOT (x <= c), which also holds for
  // NaN (above every number), as x != c does.
  const kinds: number[] = [];
  const negs: number[] = [];
  const consts: number[] = [];
  const branches: number[] = [];
  let nullBranch = -1;
  let closed = false; // an IS NOT NULL was met: valid rows never get past it
  tests.forEach((t, j) => {
    const b = k0 + j;
    if (t.kind === 'null') {
      if (t.isNull) {
        if (nullBranch < 0) nullBranch = b;
      } else if (!closed) {
        kinds.push(ALWAYS);
        negs.push(0);
        consts.push(0);
        branches.push(b);
        closed = true;
      }
      return;
    }
    if (closed || t.kind !== 'cmp') return;
    const [kind, neg] = NUM_OPS[t.fn];
    kinds.push(kind);
    negs.push(neg);
    consts.push(t.lit.value as number);
    branches.push(b);
  });
  const end = k0 + tests.length;
  const K = Uint8Array.from(kinds);
  const N = Uint8Array.from(negs);
  const C = Float64Array.from(consts);
  const B = Int32Array.from(branches);
  const uniform = kinds.length > 0 && kinds[0] !== ALWAYS && kinds.every((x) => x === kinds[0]) && negs.every((x) => x === negs[0]);
  // A banded chain: `x < c` (or <=) with rising constants, or `x >= c` (or >) with falling ones.
  // Once a test holds, every later one holds too, so the branch is the count of failing tests.
  const rising = consts.every((c, q) => q === 0 || consts[q - 1]! <= c);
  const falling = consts.every((c, q) => q === 0 || consts[q - 1]! >= c);
  const monotone = uniform && (consts.length === 1 || (kinds[0] !== EQ && (negs[0] === 0 ? rising : falling)));
  return {
    end,
    run: (sel, n, choice, rest, none) =>
      monotone
        ? runMonotone(col, K[0]!, N[0]!, C, B, nullBranch, sel, n, choice, rest, none)
        : uniform
          ? runUniform(col, K[0]!, N[0]!, C, B, nullBranch, sel, n, choice, rest)
          : runMixed(col, K, N, C, B, nullBranch, sel, n, choice, rest),
  };
}

/**
 * Monotone numeric tests of one kind: the branch of a valid row is B[number of failing tests],
 * counted without branching; every row is written (undecided rows get `none` and go to `rest`).
 */
function runMonotone(
  col: NumericColumn,
  kind: number,
  neg: number,
  C: Float64Array,
  B: Int32Array,
  nullBranch: number,
  sel: Int32Array | null,
  n: number,
  choice: Choice,
  rest: Int32Array | null,
  none: number,
): number {
  const xs = col.values;
  const bits = col.validity;
  const m = C.length;
  // By count of failing tests: the branch taken (m: none) and whether the row stays undecided.
  const to = new Int32Array(m + 2);
  const open = new Uint8Array(m + 2);
  for (let q = 0; q < m; q++) to[q] = B[q]!;
  to[m] = none;
  open[m] = 1;
  // Slot m + 1: a null row.
  to[m + 1] = nullBranch < 0 ? none : nullBranch;
  open[m + 1] = nullBranch < 0 ? 1 : 0;
  // A test fails when (x op c) XOR neg is false. `+bool` counts without a branch.
  const op = kind * 2 + neg;
  const len = sel === null ? n : sel.length;
  let r = 0;
  for (let j = 0; j < len; j++) {
    const i = sel === null ? j : sel[j]!;
    let q = m + 1;
    if (bits === null || ((bits[i >>> 3]! >> (i & 7)) & 1) === 1) {
      const x = xs[i]!;
      q = 0;
      switch (op) {
        case LT * 2:
          for (let p = 0; p < m; p++) q += +!(x < C[p]!);
          break;
        case LT * 2 + 1:
          for (let p = 0; p < m; p++) q += +(x < C[p]!);
          break;
        case LE * 2:
          for (let p = 0; p < m; p++) q += +!(x <= C[p]!);
          break;
        case LE * 2 + 1:
          for (let p = 0; p < m; p++) q += +(x <= C[p]!);
          break;
        case EQ * 2:
          for (let p = 0; p < m; p++) q += +!(x === C[p]!);
          break;
        default:
          for (let p = 0; p < m; p++) q += +(x === C[p]!);
      }
    }
    choice[i] = to[q]!;
    if (rest !== null) {
      rest[r] = i;
      r += open[q]!;
    }
  }
  return r;
}

const NUM_OPS: Record<CmpOp, readonly [number, number]> = {
  '<': [LT, 0],
  '<=': [LE, 0],
  '==': [EQ, 0],
  '!=': [EQ, 1],
  '>': [LE, 1],
  '>=': [LT, 1],
};

/** Numeric tests of several kinds: per valid row, the first test that holds. */
function runMixed(
  col: NumericColumn,
  K: Uint8Array,
  N: Uint8Array,
  C: Float64Array,
  B: Int32Array,
  nullBranch: number,
  sel: Int32Array | null,
  n: number,
  choice: Choice,
  rest: Int32Array | null,
): number {
  const xs = col.values;
  const bits = col.validity;
  const m = K.length;
  const len = sel === null ? n : sel.length;
  let r = 0;
  for (let j = 0; j < len; j++) {
    const i = sel === null ? j : sel[j]!;
    let b = nullBranch;
    if (bits === null || ((bits[i >>> 3]! >> (i & 7)) & 1) === 1) {
      const x = xs[i]!;
      b = -1;
      for (let q = 0; q < m; q++) {
        const kind = K[q]!;
        const c = C[q]!;
        const hit = kind === LT ? x < c : kind === LE ? x <= c : kind === EQ ? x === c : true;
        if ((hit ? 1 : 0) !== N[q]) {
          b = B[q]!;
          break;
        }
      }
    }
    if (b >= 0) choice[i] = b;
    else if (rest !== null) rest[r++] = i;
  }
  return r;
}

/** Numeric tests all of one kind (a banded chain): per valid row, the first constant that passes. */
function runUniform(
  col: NumericColumn,
  kind: number,
  neg: number,
  C: Float64Array,
  B: Int32Array,
  nullBranch: number,
  sel: Int32Array | null,
  n: number,
  choice: Choice,
  rest: Int32Array | null,
): number {
  const xs = col.values;
  const bits = col.validity;
  const m = C.length;
  const len = sel === null ? n : sel.length;
  const want = neg === 0;
  let r = 0;
  for (let j = 0; j < len; j++) {
    const i = sel === null ? j : sel[j]!;
    let b = nullBranch;
    if (bits === null || ((bits[i >>> 3]! >> (i & 7)) & 1) === 1) {
      const x = xs[i]!;
      b = -1;
      let q = 0;
      if (kind === LT) while (q < m && (x < C[q]!) !== want) q++;
      else if (kind === LE) while (q < m && (x <= C[q]!) !== want) q++;
      else while (q < m && (x === C[q]!) !== want) q++;
      if (q < m) b = B[q]!;
    }
    if (b >= 0) choice[i] = b;
    else if (rest !== null) rest[r++] = i;
  }
  return r;
}

/** String tests on one column, decided once per dictionary entry: each row looks its code up. */
function stringSegment(col: StringColumn, tests: readonly Test[], k0: number): Segment {
  const dict = col.dict;
  const preds = tests.map((t): ((s: string) => boolean) => {
    if (t.kind === 'null') return () => !t.isNull;
    if (t.kind === 'cmp') {
      const c = t.lit.value as string;
      return (s) => cmpOrdered(t.fn, s, c);
    }
    const set = new Set(t.values.filter((x): x is string => typeof x === 'string'));
    return (s) => set.has(s);
  });
  const nullAt = tests.findIndex((t) => t.kind === 'null' && t.isNull);
  const nullBranch = nullAt < 0 ? -1 : k0 + nullAt;
  return {
    end: k0 + tests.length,
    run: (sel, n, choice, rest, none) => {
      // Per entry (and a last slot for null): the branch taken or `none`, and whether it is open.
      const m = dict.length;
      const to = new Int32Array(m + 1).fill(none);
      const open = new Uint8Array(m + 1).fill(1);
      for (let e = 0; e < m; e++) {
        const s = dict[e]!;
        for (let q = 0; q < preds.length; q++) {
          if (preds[q]!(s)) {
            to[e] = k0 + q;
            open[e] = 0;
            break;
          }
        }
      }
      if (nullBranch >= 0) {
        to[m] = nullBranch;
        open[m] = 0;
      }
      const codes = col.codes;
      const len = sel === null ? n : sel.length;
      let r = 0;
      for (let j = 0; j < len; j++) {
        const i = sel === null ? j : sel[j]!;
        const code = codes[i]!;
        const e = code < 0 ? m : code;
        choice[i] = to[e]!;
        if (rest !== null) {
          rest[r] = i;
          r += open[e]!;
        }
      }
      return r;
    },
  };
}

/** IS NULL / IS NOT NULL of any value. */
function validitySegment(v: Val, isNull: boolean, k: number): Segment {
  if (v.kind === 'scalar') return constSegment((v.value === null) === isNull, k);
  const bits = v.validity;
  if (bits === null) return constSegment(!isNull, k);
  const flip = isNull ? 1 : 0;
  return {
    end: k + 1,
    run: (sel, n, choice, rest, none) => {
      const to = Int32Array.of(none, k); // by hit (0 or 1)
      const len = sel === null ? n : sel.length;
      let r = 0;
      for (let j = 0; j < len; j++) {
        const i = sel === null ? j : sel[j]!;
        const hit = ((bits[i >>> 3]! >> (i & 7)) & 1) ^ flip;
        choice[i] = to[hit]!;
        if (rest !== null) {
          rest[r] = i;
          r += 1 - hit;
        }
      }
      return r;
    },
  };
}

/** Any boolean condition, evaluated over every row: a row is decided where it is true (not null). */
function boolSegment(v: Val, k: number): Segment {
  if (v.kind === 'scalar') return constSegment(v.value === true, k);
  if (v.kind !== 'bool') throw new C360Error(`expected a boolean column, got ${v.type}`);
  const vals = v.values;
  const bits = v.validity;
  return {
    end: k + 1,
    run: (sel, n, choice, rest, none) => {
      const to = Int32Array.of(none, k); // by hit (0 or 1)
      const len = sel === null ? n : sel.length;
      let r = 0;
      for (let j = 0; j < len; j++) {
        const i = sel === null ? j : sel[j]!;
        const hit = vals[i]! & (bits === null ? 1 : (bits[i >>> 3]! >> (i & 7)) & 1);
        choice[i] = to[hit]!;
        if (rest !== null) {
          rest[r] = i;
          r += 1 - hit;
        }
      }
      return r;
    },
  };
}

/** A condition that is the same on every row. */
function constSegment(hit: boolean, k: number): Segment {
  return {
    end: k + 1,
    run: (sel, n, choice, rest) => {
      const len = sel === null ? n : sel.length;
      if (hit) {
        if (sel === null) choice.fill(k);
        else for (let j = 0; j < len; j++) choice[sel[j]!] = k;
        return 0;
      }
      if (rest !== null && sel === null) for (let i = 0; i < n; i++) rest[i] = i;
      return len;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Step 2: the result column.

function assemble(t: DataType, results: readonly ExprNode[], choice: Choice, ev: Evaluate, env: CaseEnv): Column {
  const vals = results.map((r) => ev(r));
  const cols = vals.map((v) => (v.kind === 'scalar' ? null : env.column(v, t)));
  const lits = vals.map((v) => (v.kind === 'scalar' ? scalarAs(v, t, env) : null));
  if (isNumericType(t)) return assembleNumeric(t, cols as (NumericColumn | null)[], lits, choice);
  if (t === 'string') return assembleStrings(cols as (StringColumn | null)[], lits, choice);
  if (t === 'bool') return assembleBools(cols as (BoolColumn | null)[], lits, choice);
  const n = choice.length;
  const out: (readonly string[] | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = choice[i]!;
    const src = (cols[c] ?? null) as ListColumn | null;
    out[i] = src === null ? ((lits[c] ?? null) as readonly string[] | null) : src.get(i);
  }
  return new ListColumn(out);
}

function assembleNumeric(t: NumericType, cols: readonly (NumericColumn | null)[], lits: readonly CellValue[], choice: Choice): NumericColumn {
  const n = choice.length;
  const m = cols.length;
  const litV = new Float64Array(m);
  const litOk = new Uint8Array(m);
  const isCol = new Uint8Array(m);
  const srcV: (Float64Array | null)[] = [];
  const srcB: (Uint8Array | null)[] = [];
  let literalsOnly = true;
  let nullLiteral = false;
  for (let r = 0; r < m; r++) {
    const c = cols[r] ?? null;
    srcV.push(c === null ? null : c.values);
    srcB.push(c === null ? null : c.validity);
    if (c !== null) {
      isCol[r] = 1;
      literalsOnly = false;
    } else if (lits[r] === null) nullLiteral = true;
    else {
      litV[r] = lits[r] as number;
      litOk[r] = 1;
    }
  }
  const out = new Float64Array(n);
  if (literalsOnly && !nullLiteral) {
    for (let i = 0; i < n; i++) out[i] = litV[choice[i]!]!;
    return new NumericColumn(t, out, null);
  }
  const bits = allocBitmap(n);
  let nulls = 0;
  for (let i0 = 0; i0 < n; i0 += 8) {
    const end = Math.min(n, i0 + 8);
    let byte = 0;
    for (let i = i0; i < end; i++) {
      const c = choice[i]!;
      let ok: number;
      if (isCol[c] === 0) {
        out[i] = litV[c]!;
        ok = litOk[c]!;
      } else {
        const vb = srcB[c] ?? null;
        ok = vb === null ? 1 : (vb[i >>> 3]! >> (i & 7)) & 1;
        if (ok === 1) out[i] = srcV[c]![i]!;
      }
      byte |= ok << (i - i0);
      nulls += 1 - ok;
    }
    bits[i0 >>> 3] = byte;
  }
  return new NumericColumn(t, out, nulls === 0 ? null : bits);
}

function assembleBools(cols: readonly (BoolColumn | null)[], lits: readonly CellValue[], choice: Choice): BoolColumn {
  const n = choice.length;
  const out = new Uint8Array(n);
  const bits = allocBitmap(n);
  const srcV = cols.map((c) => (c === null ? null : c.values));
  const srcB = cols.map((c) => (c === null ? null : c.validity));
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const c = choice[i]!;
    const vals = srcV[c] ?? null;
    let ok: number;
    if (vals === null) {
      const v = lits[c];
      ok = v === null ? 0 : 1;
      out[i] = v === true ? 1 : 0;
    } else {
      const vb = srcB[c] ?? null;
      ok = vb === null ? 1 : (vb[i >>> 3]! >> (i & 7)) & 1;
      if (ok === 1) out[i] = vals[i]!;
    }
    bits[i >>> 3]! |= ok << (i & 7);
    nulls += 1 - ok;
  }
  return new BoolColumn(out, nulls === 0 ? null : bits);
}

/**
 * String results as codes of a new dictionary in first-appearance order: a literal gets its code
 * when first chosen, a column result maps each entry of its dictionary once (table filled lazily).
 */
function assembleStrings(cols: readonly (StringColumn | null)[], lits: readonly CellValue[], choice: Choice): StringColumn {
  const n = choice.length;
  const m = cols.length;
  const dict: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let code = index.get(s);
    if (code === undefined) {
      code = dict.length;
      dict.push(s);
      index.set(s, code);
    }
    return code;
  };
  const litCode = new Int32Array(m).fill(-2); // -2: not yet coded, -1: null
  const srcCodes: (Int32Array | null)[] = [];
  const srcDict: (readonly string[] | null)[] = [];
  const remaps: (Int32Array | null)[] = [];
  let literalsOnly = true;
  for (let r = 0; r < m; r++) {
    const c = cols[r] ?? null;
    srcCodes.push(c === null ? null : c.codes);
    srcDict.push(c === null ? null : c.dict);
    remaps.push(c === null ? null : new Int32Array(c.dict.length).fill(-2));
    if (c !== null) literalsOnly = false;
    else if (lits[r] === null) litCode[r] = -1;
  }
  const out = new Int32Array(n);
  if (literalsOnly) {
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      let code = litCode[c]!;
      if (code === -2) code = litCode[c] = intern(lits[c] as string);
      out[i] = code;
    }
    return new StringColumn(out, dict);
  }
  for (let i = 0; i < n; i++) {
    const c = choice[i]!;
    const codes = srcCodes[c] ?? null;
    if (codes === null) {
      let code = litCode[c]!;
      if (code === -2) code = litCode[c] = intern(lits[c] as string);
      out[i] = code;
      continue;
    }
    const sc = codes[i]!;
    if (sc < 0) {
      out[i] = -1;
      continue;
    }
    const remap = remaps[c]!;
    let code = remap[sc]!;
    if (code === -2) code = remap[sc] = intern(srcDict[c]![sc]!);
    out[i] = code;
  }
  return new StringColumn(out, dict);
}
