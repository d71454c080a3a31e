import { expect, test } from '@playwright/test';
import { login, open } from './helpers.ts';

test('commanders see aggregates; supervisors also see officers; PDF and CSV exports download', async ({ browser }) => {
	const commander = await (await browser.newContext()).newPage();
	await login(commander, 'insp-cy');
	await open(commander, '/command');
	await expect(commander.getByRole('heading', { level: 1 })).toContainText('Shift summary');
	await expect(commander.getByTestId('per-hotspot')).toBeVisible();
	await expect(commander.getByTestId('per-officer')).toHaveCount(0);
	const pdf = await commander.request.get(`/command/pdf?date=2026-11-26&shift=Early`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const csv = await commander.request.get('/api/command/export/visits?from=2026-11-01&to=2026-11-26');
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect((await csv.text()).split('\r\n')[0]).toBe('day,set,hotspot,hotspot_name,team,visits,minutes,unknown_minutes,doses,foot_visits,vehicle_visits,stops');
	expect((await commander.request.get('/api/command/export/people')).status()).toBe(404);
	expect((await commander.request.get('/api/control/snapshot')).status()).toBe(403);

	const supervisor = await (await browser.newContext()).newPage();
	await login(supervisor, 'sgt-bo');
	await open(supervisor, '/command?date=2026-11-26&shift=Late');
	await expect(supervisor.getByRole('heading', { level: 1 })).toContainText('Late 2026-11-26');
	await expect(supervisor.getByTestId('per-officer')).toBeVisible();
	const officers = await supervisor.request.get('/api/command/export/visits?from=2026-11-01&to=2026-11-26');
	expect((await officers.text()).split('\r\n')[0]).toContain(',officer,');
});
