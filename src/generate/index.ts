/** Deterministic mock data for c360: the retailer's whole data model at any scale. */
export { generate } from './generate';
export type { GenerateProgress, GenerateResult, GeneratedFile } from './generate';
export { DEFAULT_DIRTY_RATE, DEFAULT_SEED, MAX_CUSTOMERS, parseAsOf, resolveSettings } from './options';
export type { GenerateOptions } from './options';
export { FILE_LAYOUTS, GENERATED_FILES, relativePath } from './files';
export type { FileLayout, GeneratedFileName } from './files';
export { DIRT_KINDS, DIRT_MULTIPLIERS } from './dirt';
export type { DirtCounts, DirtKind } from './dirt';
