/** Notebook support: `display` for tslab (DataFrames as tables, charts inline). */
export { display, showOn, asText, isSvg, svgSummary, STDOUT_TARGET } from './display';
export type { DisplayOptions, DisplayTarget } from './display';
export { findTslabDisplay } from './tslab';
export type { TslabDisplay } from './tslab';
