/** The value of an evaluated expression: a column of the frame's length, or a scalar. */
import { Column } from '../column';
import { CmpOp } from '../expr';
import { CellValue, DataType } from '../types';

/** A literal-like value that has not been spread over the rows (type null: an untyped null). */
export interface ScalarVal {
  readonly kind: 'scalar';
  readonly type: DataType | null;
  readonly value: CellValue;
}

export type Val = Column | ScalarVal;

export function scalar(type: DataType | null, value: CellValue): ScalarVal {
  return { kind: 'scalar', type, value };
}

/** A comparison of two values of one ordered type (numbers without NaN, or strings). */
export function cmpOrdered<T extends number | string>(fn: string, a: T, b: T): boolean {
  switch (fn) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** `c op x` is `x FLIPPED[op] c` (the order is total: NaN above every number). */
export const FLIPPED: Readonly<Record<CmpOp, CmpOp>> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
