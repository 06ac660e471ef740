import { doubleLiteral, integerLiteral, isPlaceholder, sparkType, sqlComment, sqlIdent, sqlLiteral, sqlString } from '../../../src/engine/sql/literals';
import { DATA_TYPES } from '../../../src/engine/types';

describe('sqlIdent', () => {
  it('quotes a name with backticks and doubles inner backticks', () => {
    expect(sqlIdent('customer_id')).toBe('`customer_id`');
    expect(sqlIdent('a`b c')).toBe('`a``b c`');
  });
});

describe('sqlString', () => {
  it('escapes quotes, backslashes and line breaks, which Spark unescapes', () => {
    expect(sqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(sqlString('a\\b')).toBe("'a\\\\b'");
    expect(sqlString('x\ny\r\tz')).toBe("'x\\ny\\r\\tz'");
  });

  it('keeps other text, non-ASCII included, as is', () => {
    expect(sqlString('Home & Kitchen é 日本')).toBe("'Home & Kitchen é 日本'");
  });
});

describe('doubleLiteral', () => {
  it('writes doubles with the D suffix so Spark never makes a DECIMAL of them', () => {
    expect(doubleLiteral(0.3)).toBe('0.3D');
    expect(doubleLiteral(365.25)).toBe('365.25D');
    expect(doubleLiteral(3)).toBe('3D');
    expect(doubleLiteral(1e-7)).toBe('1E-7D');
    expect(doubleLiteral(-2.5)).toBe('(-2.5D)');
  });

  it('writes NaN and the infinities as casts', () => {
    expect(doubleLiteral(NaN)).toBe("CAST('NaN' AS DOUBLE)");
    expect(doubleLiteral(-Infinity)).toBe("CAST('-Infinity' AS DOUBLE)");
  });
});

describe('integerLiteral', () => {
  it('is plain when it fits 32 bits and 64-bit otherwise or when asked', () => {
    expect(integerLiteral(90)).toBe('90');
    expect(integerLiteral(90, true)).toBe('90L');
    expect(integerLiteral(5_000_000_000)).toBe('5000000000L');
    expect(integerLiteral(-1)).toBe('(-1)');
  });
});

describe('sqlLiteral', () => {
  it('writes dates and timestamps from day numbers and naive milliseconds', () => {
    expect(sqlLiteral(19723, 'date')).toBe("DATE'2024-01-01'");
    expect(sqlLiteral(19723 * 86_400_000 + 3_600_000 + 500, 'timestamp')).toBe("TIMESTAMP_NTZ'2024-01-01 01:00:00.500'");
  });

  it('types a null with its type and leaves an untyped null untyped', () => {
    expect(sqlLiteral(null, 'int')).toBe('CAST(NULL AS BIGINT)');
    expect(sqlLiteral(null, null)).toBe('NULL');
  });

  it('writes booleans and lists', () => {
    expect(sqlLiteral(true, 'bool')).toBe('TRUE');
    expect(sqlLiteral(['a', "b'"], 'list<string>')).toBe("array('a', 'b\\'')");
    expect(sqlLiteral([], 'list<string>')).toBe('CAST(array() AS ARRAY<STRING>)');
  });
});

describe('sparkType', () => {
  it('maps every engine type, with 64-bit ints and zone-less timestamps', () => {
    expect(DATA_TYPES.map(sparkType)).toEqual(['STRING', 'DOUBLE', 'BIGINT', 'BOOLEAN', 'DATE', 'TIMESTAMP_NTZ', 'ARRAY<STRING>']);
  });
});

describe('isPlaceholder', () => {
  it('recognises a Spark variable reference and nothing else', () => {
    expect(isPlaceholder('${c360.as_of}')).toBe(true);
    expect(isPlaceholder('x ${c360.as_of}')).toBe(false);
    expect(isPlaceholder('2024-12-31')).toBe(false);
    expect(isPlaceholder(3)).toBe(false);
  });
});

describe('sqlComment', () => {
  it('removes what the spark-sql CLI could take for the end of a statement or a quote', () => {
    expect(sqlComment("status = 'completed';\nnext")).toBe('status = completed next');
  });
});
