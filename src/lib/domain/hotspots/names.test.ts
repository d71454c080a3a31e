import { describe, expect, it } from 'vitest';
import { mostCommonName, placeName } from './names.ts';

describe('hot spot names from police.uk locations', () => {
	it('drops "On or near", skips generic landmarks, and mends police.uk\'s capital after an apostrophe', () => {
		expect(placeName('On or near Park End Street')).toBe('Park End Street');
		expect(placeName('On or near Supermarket')).toBeNull();
		expect(placeName("On or near King'S Road")).toBe("King's Road");
		expect(placeName("On or near St Mary'S Close")).toBe("St Mary's Close");
		expect(placeName("On or near O'Sullivan Way")).toBe("O'Sullivan Way");
		expect(placeName(null)).toBeNull();
	});

	it('picks the most common usable name, ties alphabetically', () => {
		expect(mostCommonName(['On or near B Street', 'On or near A Street', 'On or near Nightclub', 'On or near Nightclub'])).toBe('A Street');
		expect(mostCommonName(["On or near King'S Road", "On or near King'S Road", 'On or near A Street'])).toBe("King's Road");
	});
});
