import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import yargs from 'yargs';
import generateModule, { byteSize, checkGenerateArgs, DEFAULT_OUT_DIR, generateCommand, GenerateArgs, todayUtc } from '../../src/cli/commands/generate';
import { UsageError } from '../../src/errors';
import { tempDir } from './generatedData';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Parses a command line with only the generate command; returns the help text or the error. */
async function parse(argv: string[]): Promise<{ output: string; error?: Error }> {
  return new Promise((resolve) => {
    void yargs()
      .command(generateModule)
      .strict()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parseAsync(argv, {}, (error: Error | undefined, _argv: unknown, output: string) => resolve({ output, error: error ?? undefined }))
      .catch((error: Error) => resolve({ output: '', error }));
  });
}

const base: GenerateArgs = { customers: 10, seed: 42, 'as-of': '2025-01-15', out: DEFAULT_OUT_DIR, dirty: 0.01 };

describe('generate command', () => {
  it('is the yargs command `generate` with a description', () => {
    expect(generateModule.command).toBe('generate');
    expect(typeof generateModule.describe).toBe('string');
    expect(String(generateModule.describe)).toMatch(/mock data/);
  });

  it('documents every option and gives examples in --help', async () => {
    const { output } = await parse(['generate', '--help']);
    for (const option of ['--customers', '--seed', '--as-of', '--out', '--dirty', '--workers']) expect(output).toContain(option);
    expect(output).toContain('Examples:');
    expect(output).toContain("today's date (UTC)");
    expect(output).toContain('--out data/sample');
  });

  it.each([
    [{ customers: 0 }, '--customers must be a whole number from 1 to 50,000,000, got 0'],
    [{ customers: 1.5 }, '--customers must be a whole number'],
    [{ customers: undefined }, '--customers is required'],
    [{ seed: -3 }, '--seed must be a whole number from 0'],
    [{ dirty: 2 }, '--dirty must be a number from 0 to 1, got 2'],
    [{ 'as-of': '2025-02-30' }, '--as-of: as-of date must be a real date written YYYY-MM-DD'],
    [{ 'as-of': 'yesterday' }, '--as-of'],
    [{ workers: 99 }, '--workers must be a whole number from 0 to 16'],
  ])('rejects %p with a UsageError naming the option', (change, message) => {
    const call = (): unknown => checkGenerateArgs({ ...base, ...change });
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });

  it("takes today's UTC date as the default as-of date", () => {
    expect(checkGenerateArgs({ ...base, 'as-of': undefined }).asOf).toBe(todayUtc());
    expect(todayUtc()).toBe(new Date().toISOString().slice(0, 10));
  });

  it('fails through yargs with a UsageError for --customers 0 and a bad --as-of', async () => {
    const out = tempDir('cli-zero');
    const zero = await parse(['generate', '--customers', '0', '--out', out]);
    fs.rmSync(out, { recursive: true, force: true });
    expect(zero.error).toBeInstanceOf(UsageError);
    const date = await parse(['generate', '--customers', '5', '--as-of', '2025-13-01']);
    expect(date.error?.message).toMatch(/--as-of/);
  });

  it('writes the data and prints a summary of files, rows, sizes, dirt and time', async () => {
    const out = tempDir('cli');
    const stdout = capture();
    const stderr = capture();
    try {
      const result = await generateCommand({ ...base, customers: 50, out }, { stdout: stdout.stream, stderr: stderr.stream });
      expect(fs.existsSync(path.join(out, 'sales', 'transactions.csv'))).toBe(true);
      const text = stdout.text();
      expect(text).toContain('c360 generate: 50 customers, seed 42, as of 2025-01-15, dirty rate 0.01');
      expect(text).toMatch(/customer\/customers\.csv\s+5\d rows\s+[\d.]+ KiB/);
      expect(text).toMatch(/total\s+[\d,]+ rows/);
      expect(text).toMatch(/^Dirt: /m);
      expect(text).toMatch(/Done in \d+\.\ds/);
      expect(result.files).toHaveLength(14);
      // Not a terminal: no progress bar.
      expect(stderr.text()).toBe('');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('byteSize', () => {
  it('prints sizes with binary units', () => {
    expect(byteSize(512)).toBe('512 B');
    expect(byteSize(1536)).toBe('1.5 KiB');
    expect(byteSize(5 * 1048576)).toBe('5.0 MiB');
    expect(byteSize(3 * 1073741824)).toBe('3.0 GiB');
  });
});
