// Stored fixes as one entry of the Redis `fixes` stream: positional arrays, a third of the size of
// the objects, because every fix of every node passes through the stream at 1 Hz per officer.
import type { FixQuality } from '../../domain/presence/fix.ts';
import type { StoredFix } from '../../realtime/contract.ts';

type Encoded = [string, number, number, number, number, number, number | null, number | null, FixQuality, number, string];

export function encodeFixes(fixes: StoredFix[]): string {
	return JSON.stringify(fixes.map((f): Encoded => [f.id, f.officerId, f.t, f.lat, f.lon, f.accuracy, f.speed ?? null, f.heading ?? null, f.quality, f.receivedAt, f.source]));
}

export function decodeFixes(text: string): StoredFix[] {
	return (JSON.parse(text) as Encoded[]).map(([id, officerId, t, lat, lon, accuracy, speed, heading, quality, receivedAt, source]) => ({
		id,
		officerId,
		t,
		lat,
		lon,
		accuracy,
		...(speed === null ? {} : { speed }),
		...(heading === null ? {} : { heading }),
		quality,
		receivedAt,
		source
	}));
}
