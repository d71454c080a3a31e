// Local date-times from force exports, fast: the common layouts are read with a regular
// expression and turned into UTC with the zone's offset, looked up once per local hour (Luxon is
// exact across clock changes but too slow to call a million times). Other layouts go to Luxon.
// An offset written in an ISO time ("…Z", "+01:00") is used, unless the parser is told to read
// the wall time in its zone (a mapping's own "tz" wins: many portals stamp local times with a
// bogus "Z"); then a row whose offset disagrees with the zone is flagged in `lastConflict`.
import { DateTime } from 'luxon';

export const DATE_FORMATS = ['iso', 'yyyy-MM-dd HH:mm', 'dd/MM/yyyy HH:mm', 'MM/dd/yyyy hh:mm:ss a'] as const;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M))?$/i;

export class DateParser {
	private offsets = new Map<string, number>();
	private readonly format: string;
	private readonly tz: string;
	private readonly useTextOffset: boolean;
	/** set by parse(): the text's own offset disagreed with the zone (only when told to ignore it) */
	lastConflict = false;

	constructor(format: string, tz: string, opts: { textOffset?: 'use' | 'ignore' } = {}) {
		if (!DateTime.local().setZone(tz).isValid) throw new Error(`unknown time zone "${tz}"`);
		this.format = format;
		this.tz = tz;
		this.useTextOffset = opts.textOffset !== 'ignore';
	}

	/** epoch ms, or null when the text does not fit the format or names an impossible date */
	parse(text: string): number | null {
		const v = text.trim();
		this.lastConflict = false;
		if (this.format === 'iso' || this.format === 'yyyy-MM-dd HH:mm') {
			const m = ISO.exec(v);
			if (!m) return null;
			const offset = m[7];
			const wall = () => this.local(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
			if (offset) {
				const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${offset === 'Z' ? 'Z' : offset.length === 5 ? offset.slice(0, 3) + ':' + offset.slice(3) : offset}`);
				if (Number.isNaN(t)) return null;
				if (this.useTextOffset) return t;
				const local = wall();
				this.lastConflict = local !== null && local !== t;
				return local;
			}
			return wall();
		}
		if (this.format === 'dd/MM/yyyy HH:mm') {
			const m = UK.exec(v);
			return m ? this.local(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : null;
		}
		if (this.format === 'MM/dd/yyyy hh:mm:ss a') {
			const m = US.exec(v);
			if (!m) return null;
			let h = +(m[4] ?? 0);
			if (m[7]) {
				if (h < 1 || h > 12) return null;
				h = (h % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
			}
			return this.local(+m[3], +m[1], +m[2], h, +(m[5] ?? 0), +(m[6] ?? 0));
		}
		const d = DateTime.fromFormat(v, this.format, { zone: this.tz });
		return d.isValid ? d.toMillis() : null;
	}

	/** A wall-clock time given as numbers (a date composed from separate columns), in the zone. */
	fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
		if (![y, mo, d, h, mi, s].every(Number.isInteger) || y < 1000 || y > 9999) return null;
		return this.local(y, mo, d, h, mi, s);
	}

	private local(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
		if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
		const naive = Date.UTC(y, mo - 1, d, h, mi, s);
		const check = new Date(naive);
		if (check.getUTCDate() !== d) return null; // 31 April and the like
		const key = `${y}-${mo}-${d}-${h}`;
		let offset = this.offsets.get(key);
		if (offset === undefined) {
			// Luxon resolves the wall-clock hour in the zone (the skipped spring hour moves forward)
			const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h }, { zone: this.tz });
			offset = dt.toMillis() - Date.UTC(y, mo - 1, d, h);
			this.offsets.set(key, offset);
		}
		return naive + offset;
	}
}
