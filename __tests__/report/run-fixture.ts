/**
 * A real run for the report tests: the generator writes a small data set (with its default 1%
 * of dirty rows, so there are rejects) into a temporary folder and the pipeline runs on it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PipelineResult, runPipeline } from '../../src/dag/pipeline';
import { generate } from '../../src/generate';

/** The as-of date of the report tests. */
export const REPORT_AS_OF = '2024-12-31';

/** A generated data folder and the result of running the pipeline on it. */
export interface GeneratedRun {
  readonly dataDir: string;
  readonly result: PipelineResult;
}

/** Generates `customers` customers into a temporary folder and runs every model on them. */
export async function generatedRun(label: string, customers = 400): Promise<GeneratedRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `c360-report-${label}-`));
  await generate({ outDir: dataDir, customers, asOf: REPORT_AS_OF, seed: 7 });
  const result = await runPipeline({ dataDir, asOf: REPORT_AS_OF, runTimestamp: '2025-01-01 06:00:00' });
  return { dataDir, result };
}
