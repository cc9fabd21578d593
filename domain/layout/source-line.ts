// What a source gives the pipeline, line by line: the connectors' side of the contract with the
// layout reader (domain/layout/layout-rows.ts). Here, at the bottom, so both can name it.

/** One non-blank line of a source, as the file holds it: sources know nothing of headers or
 * datasets; the pipeline decides which line is the header and where the data ends
 * (domain/layout/layout.ts). */
export interface SourceLine {
  /** 1-based record number: the CSV record or the sheet row. Blank records are counted, not yielded. */
  index: number;
  /** 1-based physical line where the record starts (a quoted CSV cell may span several lines). */
  line: number;
  cells: string[];
}

/** A data row after the header (domain/layout/layout-rows.ts makes them from SourceLines). */
export interface SourceRow {
  /** 1-based data row number (the header is row 0), as an agency counts rows in its file. */
  rowNo: number;
  /** Physical line of the file where the row starts. */
  line: number;
  cells: string[];
}
