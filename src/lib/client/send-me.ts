// "Send me to a hot spot": the server picks (docs: README, The officer's phone); the phone only asks.
import type { ErrorBody, SendMeAnswer } from '../realtime/contract.ts';
import type { Position } from './location.ts';

export async function requestSendMe(pos: Position | null): Promise<{ hotspot: number } | { error: string }> {
	try {
		const res = await fetch('/api/officer/send-me', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(pos ? { lat: pos.lat, lon: pos.lon } : {})
		});
		const body = await res.json();
		if (!res.ok) return { error: (body as Partial<ErrorBody>).message ?? 'Could not pick a hot spot.' };
		return { hotspot: (body as SendMeAnswer).hotspot };
	} catch {
		return { error: 'Offline — pick a hot spot from the list instead.' };
	}
}
