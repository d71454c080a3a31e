export interface CrimeRecordInput {
	source: string;
	sourceId: string | null;
	month: string;
	occurredAt: number | null;
	lon: number;
	lat: number;
	category: string;
	offenceCode: string | null;
	location: string | null;
	lsoaCode: string | null;
	lsoaName: string | null;
	outcome: string | null;
	context: string | null;
	/** people involved, from a force's own file */
	persons?: { ref: string; role: 'suspect' | 'offender' | 'victim' | 'witness'; name: string | null; dob: string | null }[];
}

export interface Rejection {
	row: number;
	field: string;
	reason: string;
}

/**
 * What one input row became: a record, a row without a location (counted, reported), a row the
 * mapping's "exclude" left out (counted, by rule), or a rejection.
 */
export type RowResult =
	| { kind: 'record'; record: CrimeRecordInput }
	| { kind: 'no-location'; row: number }
	| { kind: 'excluded'; row: number; rule: number }
	| { kind: 'rejected'; rejection: Rejection };

/** Maps a CSV header to a row mapper, or explains why this format does not fit. */
export type CsvFormat = {
	name: string;
	matches(header: string[]): boolean;
	mapper(header: string[]): (fields: string[], row: number) => RowResult;
};
