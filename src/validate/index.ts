/** Checking a data folder without running the models (`c360 validate`). */
export { validateData, ROW_PROBLEM } from './validate-data';
export type { ValidateOptions, ValidationReport, FileValidation, HeaderCheck, RowProblem, NullRate } from './validate-data';
export { formatValidationReport, validationSummary } from './format';
