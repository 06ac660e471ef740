/**
 * Reading and writing frames: CSV in (declared schema, line numbers, row issues), CSV and JSON
 * Lines out, frame files between processes, danfo.js interop and HTML tables.
 */
export { readCsv } from './csv-reader';
export type { CsvField, CsvReadOptions, CsvReadResult, RowIssue } from './csv-reader';
export { csvField, csvLine, writeCsv, writeJsonl } from './csv-writer';
export type { CsvWriteOptions } from './csv-writer';
export { readFrameFile, writeFrameFile } from './frame-file';
export { fromDanfo, toDanfo } from './danfo';
export type { DanfoDataFrame, DanfoSeries, FromDanfoOptions } from './danfo';
export { escapeHtml, toHTML } from './html';
export type { HtmlOptions } from './html';
