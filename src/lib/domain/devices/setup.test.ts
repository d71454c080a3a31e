import { describe, expect, it } from 'vitest';
import { trackerSettings } from './setup.ts';

describe('trackerSettings', () => {
	const s = trackerSettings('https://patrol.example.police.uk/', 'TV-101', 'hp_abc-DEF_123');

	it('points Traccar Client at the OsmAnd endpoint of this server, token as the device id', () => {
		expect(s.traccar.serverUrl).toBe('https://patrol.example.police.uk/api/devices/osmand');
		expect(s.traccar.deviceId).toBe('hp_abc-DEF_123');
		const qr = new URL(s.traccar.qrText);
		expect(`${qr.origin}${qr.pathname}`).toBe(s.traccar.serverUrl);
		expect(Object.fromEntries(qr.searchParams)).toEqual({ id: 'hp_abc-DEF_123', interval: '5', distance: '0', accuracy: 'high' });
	});

	it('gives OwnTracks HTTP mode with the callsign and the token, as settings and as a configuration link', () => {
		expect(s.owntracks).toMatchObject({ url: 'https://patrol.example.police.uk/api/devices/owntracks', username: 'TV-101', password: 'hp_abc-DEF_123' });
		const inline = s.owntracks.link.replace('owntracks:///config?inline=', '');
		expect(JSON.parse(atob(inline))).toEqual({ _type: 'configuration', mode: 3, url: s.owntracks.url, auth: true, username: 'TV-101', password: 'hp_abc-DEF_123' });
	});
});
