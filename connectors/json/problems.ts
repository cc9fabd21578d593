// What the scanner finds wrong with a JSON file, as data: where (line and column, or the record
// and its line) and what. faults.ts turns each into the clerk's bilingual message.

/** What the scanner wanted at a position, for "expected …, found …". */
export type Wanted = 'value' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close-object' | 'comma-or-close-array' | 'end' | 'next-line';

/** What a value is, for "record 3's key X holds …". */
export type ValueKind = 'text' | 'number' | 'boolean' | 'null' | 'object' | 'list';

export interface At {
  line: number;
  col: number;
}

/** A record: its number (1-based, in file order) and the line where it starts. */
export interface RecordAt {
  record: number;
  line: number;
}

export type JsonProblem =
  | (At & { kind: 'syntax'; wanted: Wanted; found: string | null })
  | (At & { kind: 'trailing-comma'; close: '}' | ']' })
  | (At & { kind: 'unclosed'; what: 'object' | 'list'; outer?: At & { what: 'object' | 'list' } })
  | (At & { kind: 'unterminated-string' })
  | (At & { kind: 'string-control'; char: number })
  | (At & { kind: 'bad-escape'; text: string })
  | (At & { kind: 'bad-number'; text: string })
  | (At & { kind: 'bad-word'; text: string })
  | (At & { kind: 'same-line' })
  | (At & { kind: 'top-scalar'; what: ValueKind })
  | (At & { kind: 'key-too-long'; max: number })
  | (RecordAt & { kind: 'not-object'; what: ValueKind; path: string[] })
  | (RecordAt & { kind: 'nested'; key: string; what: 'object' | 'list-of-objects' | 'list-of-lists' })
  | (RecordAt & { kind: 'duplicate-key'; key: string })
  | (RecordAt & { kind: 'too-many-rows'; max: number })
  | (RecordAt & { kind: 'too-many-columns'; key: string; max: number })
  | (RecordAt & { kind: 'cell-too-large'; key: string; max: number })
  | (RecordAt & { kind: 'record-too-large'; max: number })
  | { kind: 'several-lists'; paths: string[][] }
  | { kind: 'no-records'; emptyPath?: string[]; noKeys?: boolean };

/** Thrown by the scanner; the connector turns it into a data error (faults.ts). */
export class JsonFault extends Error {
  constructor(readonly problem: JsonProblem) {
    super(`JSON problem: ${problem.kind}`);
  }
}
