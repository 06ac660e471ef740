import { execFileSync } from 'child_process';
import * as path from 'path';
import * as io from '../../src/io';
import type { CsvField, CsvReadOptions, CsvReadResult, CsvWriteOptions, DanfoDataFrame, HtmlOptions, RowIssue } from '../../src/io';
import { DataFrame } from '../../src/engine/frame';

describe('io', () => {
  it('exports the public functions with their documented signatures', () => {
    const read: (options: CsvReadOptions) => Promise<CsvReadResult> = io.readCsv;
    const writeCsv: (frame: DataFrame, path: string, options?: CsvWriteOptions) => Promise<void> = io.writeCsv;
    const writeJsonl: (frame: DataFrame, path: string) => Promise<void> = io.writeJsonl;
    const csvLine: (values: readonly string[]) => string = io.csvLine;
    const writeFrame: (frame: DataFrame, path: string) => Promise<void> = io.writeFrameFile;
    const readFrame: (path: string) => Promise<DataFrame> = io.readFrameFile;
    const toDanfo: (frame: DataFrame) => DanfoDataFrame = io.toDanfo;
    const fromDanfo: (df: DanfoDataFrame) => DataFrame = io.fromDanfo;
    const toHTML: (frame: DataFrame, options?: HtmlOptions) => string = io.toHTML;
    const field: CsvField = { name: 'zip_code', type: 'string', required: false };
    const issue: RowIssue = { file: 'f.csv', line: 2, row: 0, column: null, reason: 'expected 2 fields, got 1', raw: 'x' };
    expect([read, writeCsv, writeJsonl, csvLine, writeFrame, readFrame, toDanfo, fromDanfo, toHTML].every((f) => typeof f === 'function')).toBe(true);
    expect([field.name, issue.line]).toEqual(['zip_code', 2]);
  });

  it('does not load danfo.js until it is used', () => {
    const script = "require('./src/io'); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('danfojs-node'))));";
    const loaded = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(loaded).toBe('false');
  });
});
