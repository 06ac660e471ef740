import { badTextSql, formatValueSql, parseTextSql } from '../../../src/engine/sql/text';

describe('parseTextSql', () => {
  it('reads a CSV date field only as YYYY-MM-DD, through a guarded cast', () => {
    expect(parseTextSql('`d`', 'date', 'field')).toBe("CASE WHEN `d` RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}\\\\z' THEN try_cast(`d` AS DATE) END");
  });

  it('reads a CSV integer field only as a whole number that a double holds exactly', () => {
    const sql = parseTextSql('`n`', 'int', 'field');
    expect(sql).toContain("RLIKE '^[+-]?[0-9]+\\\\z'");
    expect(sql).toContain('9007199254740991D');
  });

  it('trims the text of a cast and accepts a timestamp as a date', () => {
    const sql = parseTextSql('`s`', 'date', 'cast');
    expect(sql).toContain('regexp_replace(`s`');
    expect(sql).toContain('AS TIMESTAMP_NTZ) AS DATE)');
  });

  it('keeps strings exactly', () => {
    expect(parseTextSql('`s`', 'string', 'field')).toBe('`s`');
  });
});

describe('badTextSql', () => {
  it('is true for a present value that does not parse, and never for strings', () => {
    expect(badTextSql('`x`', 'float64')).toMatch(/^\(`x` IS NOT NULL AND CASE WHEN .* END IS NULL\)$/);
    expect(badTextSql('`s`', 'string')).toBe('FALSE');
  });
});

describe('formatValueSql', () => {
  it('writes values in the engine text forms', () => {
    expect(formatValueSql('`d`', 'date')).toBe("date_format(`d`, 'yyyy-MM-dd')");
    expect(formatValueSql('`t`', 'timestamp')).toContain("'yyyy-MM-dd HH:mm:ss.SSS'");
    expect(formatValueSql('`x`', 'float64')).toContain('CAST(CAST(`x` AS BIGINT) AS STRING)');
    expect(formatValueSql('`b`', 'bool')).toBe("CASE WHEN `b` THEN 'true' WHEN NOT `b` THEN 'false' END");
    expect(formatValueSql('`l`', 'list<string>')).toBe('to_json(`l`)');
  });
});
