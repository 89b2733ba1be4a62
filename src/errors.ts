/**
 * Errors that stop one input (or the run, for misuse). Each carries a stable
 * code, so scripts and tests can tell them apart without parsing messages,
 * and a one-line message that names the file (and the page, where there is one).
 */
export const ERROR_CODES = {
  POA_INPUT_NOT_FOUND: 'an input path does not exist',
  POA_INPUT_EMPTY: 'the input file is empty',
  POA_INPUT_NOT_PDF: 'the input is not a PDF nor a transcript',
  POA_INPUT_UNSUPPORTED: 'the input has an extension poa-extract does not read',
  POA_PDF_UNREADABLE: 'the PDF is damaged or truncated',
  POA_PDF_ENCRYPTED: 'the PDF is encrypted and no password was given',
  POA_PDF_WRONG_PASSWORD: 'the password given does not open the PDF',
  POA_NO_REPORT: 'no page of the input is a POA report',
  POA_OCR_UNAVAILABLE: 'the OCR language data is missing',
  POA_OCR_FAILED: 'OCR failed on a page',
  POA_OUTPUT_UNWRITABLE: 'the output folder cannot be written',
  POA_INVALID_OPTION: 'a command-line option has a value it does not accept',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PoaError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly page: number | undefined;

  constructor(code: ErrorCode, message: string, where: { file?: string; page?: number } = {}) {
    super(message);
    this.name = 'PoaError';
    this.code = code;
    this.file = where.file;
    this.page = where.page;
  }
}

export function isPoaError(e: unknown): e is PoaError {
  return e instanceof PoaError;
}
