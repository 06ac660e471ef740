/**
 * c360: the public API. Engine (DataFrame, LazyFrame, expressions), input/output, models and
 * the pipeline runner.
 */
export { DataFrame, describeSchema } from './engine/frame';
export type { Row, ColumnSpec } from './engine/frame';
export { LazyFrame, GroupBy, frameSource } from './engine/plan';
export type { ScanSource, PlanNode, JoinOptions, DedupeOptions } from './engine/plan';
export { col, lit, when, coalesce, count, countIf, daysBetween, Expr, Agg } from './engine/expr';
export type { ExprNode, AggNode, Scalar } from './engine/expr';
export type { SortKey } from './engine/exec/order';
export type { DataType, Field, Schema, CellValue } from './engine/types';
export { C360Error, UsageError } from './errors';
export { defineModel, source, ref, LAYERS } from './models/define';
export type { Model, Layer, InputRef, RunContext } from './models/define';
export { INPUT_FILES } from './schema/inputs';
export { runPipeline, PRODUCT_MODEL } from './dag/pipeline';
export type { PipelineOptions, PipelineResult } from './dag/pipeline';
export { writeOutputs, OUTPUT_FORMATS } from './dag/outputs';
export type { WriteOptions, WrittenOutputs, OutputFormat } from './dag/outputs';
export { discoverModels, modelRegistry } from './dag/registry';
export type { DiscoverOptions, DiscoveredModel, ModelRegistry } from './dag/registry';
export { buildGraph } from './dag/graph';
export type { ModelGraph, GraphNode } from './dag/graph';
export { selectModels } from './dag/select';
export type { Selection, SelectOptions } from './dag/select';
export type { RunEvent, RunEventHandler } from './dag/runner';
export type { RunResults, RunMetadata, ModelResult, ModelStatus, InputResult } from './dag/results';
export type { BadRowPolicy, InputIssues } from './dag/sources';
