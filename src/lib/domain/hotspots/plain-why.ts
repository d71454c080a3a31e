// An officer reads the why of a hot spot standing in the street: what happens here and when, in
// plain words, first; the ranking, harm index and significance test (why.ts's other sentences)
// only for those who open them. The split follows the sentences `explain` writes.

const STATISTICS = [/^Ranked \d+ of \d+/, /Cambridge Crime Harm Index/, /Getis-Ord/, /statistically significant/i];

export function splitWhy(why: string): { plain: string[]; statistics: string[] } {
	// a sentence ends at a full stop before a space and a capital or a figure ("0.1 %" stays whole)
	const sentences = why
		.split(/(?<=\.)\s+(?=[A-Z0-9])/)
		.map((s) => s.trim())
		.filter(Boolean);
	const plain: string[] = [];
	const statistics: string[] = [];
	for (const s of sentences) (STATISTICS.some((re) => re.test(s)) ? statistics : plain).push(s);
	return { plain, statistics };
}
