// police.uk snaps crimes to "On or near <street or landmark>" points; the most frequent street
// among a hot spot's records is a name officers recognise. Generic landmark types say nothing.
const GENERIC =
	/^(Parking Area|Supermarket|Petrol Station|Park\/Open Space|Shopping Area|Nightclub|Sports\/Recreation Area|Further\/Higher Educational Building|Hospital|Police Station|Theatre\/Concert Hall|Conference\/Exhibition Centre|Pedestrian Subway|Bus\/Coach Station|Airport\/Airfield|Prison)$/i;

export function placeName(location: string | null | undefined): string | null {
	if (!location) return null;
	// police.uk title-cases after apostrophes ("King'S Road"): a possessive s is lower case
	const name = location.replace(/^On or near\s+/i, '').trim().replace(/([A-Za-z])'S\b/g, "$1's");
	if (!name || GENERIC.test(name)) return null;
	return name;
}

/** The most common usable name, ties broken alphabetically so the result is stable. */
export function mostCommonName(locations: (string | null)[]): string | null {
	const counts = new Map<string, number>();
	for (const l of locations) {
		const n = placeName(l);
		if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
	}
	let best: string | null = null;
	let bestN = 0;
	for (const [n, c] of counts) if (c > bestN || (c === bestN && best !== null && n < best)) (best = n), (bestN = c);
	return best;
}
