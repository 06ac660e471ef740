import * as fs from 'fs';
import * as path from 'path';
import { generate, GENERATED_FILES, relativePath } from '../../src/generate';
import { ALL_BANDS, bands, hashFiles, parseCsv, sortedBands, tempDir } from './generatedData';

/** The bundled sample: `c360 generate --customers 300 --seed 42 --as-of 2025-01-15 --out data/sample` (default dirt). */
const SAMPLE_DIR = path.resolve(__dirname, '../../data/sample');
const SAMPLE = { customers: 300, seed: 42, asOf: '2025-01-15' } as const;

describe('data/sample', () => {
  it('is exactly what the documented generate command writes (golden files)', async () => {
    const dir = tempDir('sample');
    try {
      await generate({ ...SAMPLE, outDir: dir });
      expect(hashFiles(SAMPLE_DIR)).toEqual(hashFiles(dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds every status, score band, value segment, generation and tenure segment at the sample as-of date', () => {
    const tables = Object.fromEntries(
      GENERATED_FILES.map((f) => [f, parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, relativePath(f)), 'utf8'))]),
    ) as Parameters<typeof bands>[0];
    expect(sortedBands(bands(tables, SAMPLE.asOf))).toEqual(ALL_BANDS);
    expect(tables.customers.rows.length).toBeGreaterThan(SAMPLE.customers);
    expect(tables.transactions.rows.length).toBeGreaterThan(500);
  });
});
