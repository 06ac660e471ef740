/**
 * Data tests over a whole run: every model that ran gets its tests (`modelTests`), every input
 * file read gets the spec's validation rules (`inputTests`).
 */
import { referencedColumns } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import type { PipelineResult } from '../dag/pipeline';
import { INPUT_FILES } from '../schema/inputs';
import { inputTests, modelTests } from './builtin';
import { DataTestResult, runDataTests } from './run';
import { DataTest } from './tests';

/** What `runPipelineTests` needs besides the run. */
export interface PipelineTestOptions {
  /** The run's as-of date (the date rules depend on it). */
  readonly asOf: string;
  /**
   * The input files as the models saw them, by declared name, with every column (a run with
   * `keepInputs`); default the run's own `inputs`. Input files missing here are not tested.
   */
  readonly inputs?: Readonly<Record<string, DataFrame>>;
}

/**
 * Runs the data tests of every model that ran (in run order) and of every input file, and returns
 * their results. An input test whose columns or parent the frames lack is left out.
 * @example const tests = await runPipelineTests(await runPipeline({ ...opts, keepInputs: true }), { asOf });
 */
export async function runPipelineTests(result: PipelineResult, options: PipelineTestOptions): Promise<DataTestResult[]> {
  const inputs = options.inputs ?? result.inputs;
  const out: DataTestResult[] = [];
  for (const [name, frame] of Object.entries(result.models)) {
    const node = result.graph.nodes.get(name);
    if (node === undefined) continue;
    const model = node.model;
    out.push(...(await runDataTests(name, frame, modelTests(model), { resolve: (n) => result.models[n] ?? inputs[n], keyColumns: model.key })));
  }
  const rules = inputTests(options.asOf);
  for (const file of INPUT_FILES) {
    const frame = inputs[file.name];
    if (frame === undefined) continue;
    const tests = (rules[file.name] ?? []).filter((t) => columnsOf(t).every((c) => frame.has(c)) && (t.kind !== 'relationships' || inputs[t.to]?.has(t.field) === true));
    out.push(...(await runDataTests(file.path, frame, tests, { resolve: (n) => inputs[n], keyColumns: [file.key] })));
  }
  return out;
}

/** The tests of severity error that failed. */
export function errorFailures(tests: readonly DataTestResult[]): DataTestResult[] {
  return tests.filter((t) => t.status === 'fail' && t.severity === 'error');
}

/**
 * The run with its data tests: `results.tests` holds them, and `results.success` is false when a
 * test of severity error failed (so `writeOutputs` leaves the previous product in place).
 * @example const tested = await withDataTests(result, { asOf: '2025-01-15' });
 */
export async function withDataTests(result: PipelineResult, options: PipelineTestOptions): Promise<PipelineResult> {
  const tests = await runPipelineTests(result, options);
  const success = result.results.success && errorFailures(tests).length === 0;
  return { ...result, results: { ...result.results, success, tests } };
}

/** Columns of the tested frame a test reads. */
function columnsOf(t: DataTest): readonly string[] {
  switch (t.kind) {
    case 'unique':
      return t.columns;
    case 'not_null':
    case 'accepted_values':
    case 'relationships':
      return [t.column];
    case 'expression':
      return [...referencedColumns(t.expr.node)];
    case 'row_count':
      return [];
  }
}
