import { coalesce, col, count, countIf, daysBetween, lit, when } from '../../../src/engine/expr';
import { aggToSql, castSql, exprToSql } from '../../../src/engine/sql/expr-sql';
import { Schema } from '../../../src/engine/types';

const schema: Schema = [
  { name: 'id', type: 'string' },
  { name: 'n', type: 'int' },
  { name: 'x', type: 'float64' },
  { name: 'd', type: 'date' },
  { name: 'ts', type: 'timestamp' },
  { name: 'flag', type: 'bool' },
  { name: 's', type: 'string' },
];

const sql = (e: { node: Parameters<typeof exprToSql>[0] }): string => exprToSql(e.node, schema);

describe('exprToSql', () => {
  it('divides in doubles with null for a zero divisor', () => {
    expect(sql(col('n').div(col('x')))).toBe('try_divide(CAST(`n` AS DOUBLE), `x`)');
    expect(sql(col('n').div(3))).toBe('try_divide(CAST(`n` AS DOUBLE), 3D)');
  });

  it('makes integer literals of arithmetic 64-bit and float literals doubles', () => {
    expect(sql(col('n').mul(1000))).toBe('(`n` * 1000L)');
    expect(sql(col('n').mul(0.3).add(col('x')))).toBe('((`n` * 0.3D) + `x`)');
  });

  it('negates a column as 0 - x, as the engine does', () => {
    expect(sql(col('x').neg())).toBe('(0 - `x`)');
    expect(sql(lit(2).neg())).toBe('(-2L)');
  });

  it('keeps three-valued logic with SQL AND, OR, NOT', () => {
    expect(sql(col('flag').and(col('n').gt(0)).or(col('flag').not()))).toBe('((`flag` AND (`n` > 0)) OR (NOT `flag`))');
    expect(sql(col('s').isNull().or(col('s').eq('')))).toBe("((`s` IS NULL) OR (`s` = ''))");
    expect(sql(col('s').ne('a'))).toBe("(`s` <> 'a')");
  });

  it('counts whole days between the dates of its arguments', () => {
    expect(sql(daysBetween(lit('2024-12-31').cast('date'), col('ts')))).toBe("datediff(DATE'2024-12-31', CAST(`ts` AS DATE))");
    expect(sql(daysBetween(col('d'), '2024-01-01'))).toBe("datediff(`d`, DATE'2024-01-01')");
  });

  it('renders a run parameter as a cast that Spark substitutes when the SQL runs', () => {
    expect(sql(daysBetween(lit('${c360.as_of}').cast('date'), col('d')))).toBe("datediff(CAST('${c360.as_of}' AS DATE), `d`)");
    expect(sql(lit('${c360.run_timestamp}').cast('timestamp'))).toBe("CAST('${c360.run_timestamp}' AS TIMESTAMP_NTZ)");
  });

  it('evaluates casts of other literals when rendering, with the engine strict parser', () => {
    expect(sql(lit('2024-02-30').cast('date'))).toBe('CAST(NULL AS DATE)');
    expect(sql(lit('2024-02-29 10:00:00').cast('timestamp'))).toBe("TIMESTAMP_NTZ'2024-02-29 10:00:00'");
  });

  it('uses Spark date parts with 1 = Sunday', () => {
    expect(sql(col('ts').dayOfWeek())).toBe('dayofweek(`ts`)');
    expect(sql(col('ts').hour())).toBe('hour(`ts`)');
    expect(sql(col('ts').quarter())).toBe('quarter(`ts`)');
    expect(sql(col('ts').toDate())).toBe('CAST(`ts` AS DATE)');
    expect(sql(col('d').hour())).toBe('CASE WHEN `d` IS NOT NULL THEN 0 END');
  });

  it('brings text compared with a timestamp to a timestamp, as the engine does', () => {
    expect(sql(col('ts').ge('2024-01-01'))).toBe("(`ts` >= TIMESTAMP_NTZ'2024-01-01 00:00:00')");
    expect(sql(col('d').lt(col('ts')))).toBe('(CAST(`d` AS TIMESTAMP_NTZ) < `ts`)');
  });

  it('compares isIn only with values of the argument kind', () => {
    expect(sql(col('s').isIn(['online', 'mobile']))).toBe("(`s` IN ('online', 'mobile'))");
    expect(sql(col('n').isIn(['a', 1, 2.5]))).toBe('(`n` IN (1, 2.5D))');
    expect(sql(col('s').isIn([1]))).toBe('CASE WHEN `s` IS NULL THEN NULL ELSE FALSE END');
  });

  it('renders CASE with its branches in order and coalesce', () => {
    expect(sql(when(col('x').lt(50), 'Small').when(col('x').lt(150), 'Medium').otherwise('Large'))).toBe(
      "CASE WHEN (`x` < 50) THEN 'Small' WHEN (`x` < 150) THEN 'Medium' ELSE 'Large' END",
    );
    expect(sql(coalesce(col('n'), 0))).toBe('coalesce(`n`, 0)');
  });

  it('parses text strictly in a cast: a value that does not parse is null', () => {
    const text = sql(col('s').cast('float64'));
    expect(text).toContain('RLIKE');
    expect(text).toContain('CAST(');
    expect(sql(col('s').cast('bool'))).toContain("IN ('true', '1')");
  });

  it('fails with the engine message on an unknown column', () => {
    expect(() => sql(col('nope').gt(1))).toThrow('unknown column "nope"');
  });
});

describe('aggToSql', () => {
  it('renders each aggregate', () => {
    expect(aggToSql(count().node, schema)).toBe('count(1)');
    expect(aggToSql(col('s').count().node, schema)).toBe('count(`s`)');
    expect(aggToSql(col('s').countDistinct().node, schema)).toBe('count(DISTINCT `s`)');
    expect(aggToSql(countIf(col('s').eq('urgent')).node, schema)).toBe("count(CASE WHEN (`s` = 'urgent') THEN 1 END)");
    expect(aggToSql(col('x').sum().node, schema)).toBe('sum(`x`)');
    expect(aggToSql(col('n').mean().node, schema)).toBe('avg(`n`)');
    expect(aggToSql(col('ts').max().node, schema)).toBe('max(`ts`)');
  });

  it('sorts a sorted list, which keeps duplicates and skips nulls', () => {
    expect(aggToSql(col('s').collectList({ sorted: true }).node, schema)).toBe('array_sort(collect_list(`s`))');
    expect(aggToSql(col('s').collectList().node, schema)).toBe('collect_list(`s`)');
  });
});

describe('castSql', () => {
  it('formats values as the engine writes them', () => {
    expect(castSql('`d`', 'date', 'string')).toBe("date_format(`d`, 'yyyy-MM-dd')");
    expect(castSql('`l`', 'list<string>', 'string')).toBe('to_json(`l`)');
    expect(castSql('`n`', 'int', 'float64')).toBe('CAST(`n` AS DOUBLE)');
    expect(castSql('`ts`', 'timestamp', 'date')).toBe('CAST(`ts` AS DATE)');
  });

  it('reads dates and timestamps as day numbers and milliseconds, as the engine does', () => {
    expect(castSql('`d`', 'date', 'int')).toBe('CAST(unix_date(`d`) AS BIGINT)');
    expect(castSql('`x`', 'float64', 'date')).toBe('CAST(NULL AS DATE)');
  });
});
