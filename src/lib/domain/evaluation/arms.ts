// Per-arm totals and means: what commanders read first, and the dose actually achieved in each
// arm (officers typically deliver about half the prescribed dose, and control places get some
// patrol too — West Midlands: 24–26 of 45 minutes — so the contrast the trial tests is the
// difference in achieved dose, not the prescription).
import type { Arm, ArmSummary, PlaceDay } from './types.ts';

export function summariseArm(rows: readonly PlaceDay[], arm: Arm): ArmSummary {
	let placeDays = 0;
	let crimes = 0;
	let harm = 0;
	let doseMinutes = 0;
	let doses = 0;
	let dosed = 0;
	let withMinutes = 0;
	let withDoses = 0;
	for (const r of rows) {
		if (r.arm !== arm) continue;
		placeDays++;
		crimes += r.crimes;
		harm += r.harm;
		if (r.doseMinutes !== undefined) {
			withMinutes++;
			doseMinutes += r.doseMinutes;
		}
		if (r.doses !== undefined) {
			withDoses++;
			doses += r.doses;
			if (r.doses > 0) dosed++;
		}
	}
	const per = (x: number) => (placeDays > 0 ? x / placeDays : null);
	// dose figures only when every place-day has them: a missing value is not a zero
	const minutesKnown = placeDays > 0 && withMinutes === placeDays;
	const dosesKnown = placeDays > 0 && withDoses === placeDays;
	return {
		placeDays,
		crimes,
		harm,
		crimesPerPlaceDay: per(crimes),
		harmPerPlaceDay: per(harm),
		doseMinutes: minutesKnown ? doseMinutes : null,
		doseMinutesPerPlaceDay: minutesKnown ? per(doseMinutes) : null,
		doses: dosesKnown ? doses : null,
		dosesPerPlaceDay: dosesKnown ? per(doses) : null,
		dosedShare: dosesKnown ? per(dosed) : null
	};
}

/** Notes when dose columns are only partly filled, so a null is explained. */
export function doseNotes(rows: readonly PlaceDay[]): string[] {
	const minutes = rows.filter((r) => r.doseMinutes !== undefined).length;
	const doses = rows.filter((r) => r.doses !== undefined).length;
	const notes: string[] = [];
	if (minutes > 0 && minutes < rows.length) notes.push(`doseMinutes is given for ${minutes} of ${rows.length} place-days; dose minutes per arm are left out.`);
	if (doses > 0 && doses < rows.length) notes.push(`doses is given for ${doses} of ${rows.length} place-days; doses per arm are left out.`);
	return notes;
}
