import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import exportSpark, { ExportSparkArgs, exportSparkCommand } from '../../src/cli/commands/export-spark';
import { UsageError } from '../../src/errors';

const made: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-cli-'));
  made.push(d);
  return d;
}

afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function args(out: string, more: Partial<ExportSparkArgs> = {}): ExportSparkArgs {
  return { out, 'bad-rows': 'reject', force: false, ...more };
}

function capture(): { stdout: PassThrough; text: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString()));
  return { stdout, text: () => text };
}

describe('exportSparkCommand', () => {
  it('writes the project and says how to run it', () => {
    const out = path.join(tempDir(), 'spark');
    const streams = capture();
    exportSparkCommand(args(out, { data: 's3a://bucket/c360', 'as-of': '2024-12-31' }), streams);
    expect(fs.existsSync(path.join(out, 'facts', 'fct_customer_360_profile.sql'))).toBe(true);
    const script = fs.readFileSync(path.join(out, 'run_c360_pipeline.sh'), 'utf8');
    expect(script).toContain("DATA='s3a://bucket/c360'");
    expect(script).toContain("AS_OF='2024-12-31'");
    expect(streams.text()).toContain('7 models');
    expect(streams.text()).toContain('run_c360_pipeline.sh --data s3a://bucket/c360');
  });

  it('refuses a folder that is not empty unless forced', () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    expect(() => exportSparkCommand(args(out), capture())).toThrow(UsageError);
    exportSparkCommand(args(out, { force: true }), capture());
    expect(fs.existsSync(path.join(out, 'keep.txt'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'views', 'customer_analytics_c360.sql'))).toBe(true);
  });

  it('refuses an as-of date that does not exist and a data path the SQL cannot hold', () => {
    const out = path.join(tempDir(), 'spark');
    expect(() => exportSparkCommand(args(out, { 'as-of': '2024-02-30' }), capture())).toThrow(UsageError);
    expect(() => exportSparkCommand(args(out, { data: "/data/it's" }), capture())).toThrow(UsageError);
  });
});

describe('export-spark command module', () => {
  it('is named export-spark', () => {
    expect(exportSpark.command).toBe('export-spark');
  });
});
