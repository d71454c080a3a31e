// Row types as stored. Times are epoch milliseconds in both databases; booleans are 0/1 integers
// so that SQLite and PostgreSQL return the same thing. Queries map rows to domain types.
import type { Generated, Kysely } from 'kysely';

export type Role = 'officer' | 'supervisor' | 'commander' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['officer', 'supervisor', 'commander', 'analyst', 'admin'];

export interface UsersTable {
	id: Generated<number>;
	username: string;
	display_name: string;
	callsign: string | null;
	team: string | null;
	role: Role;
	password_hash: string | null;
	disabled: number;
	created_at: number;
	/** opted in to being named in the week's recognition */
	recognition: Generated<number>;
	/** consecutive failed logins; reset by a good one */
	failed_logins: Generated<number>;
	/** locked out until (epoch ms) after too many failures */
	locked_until: number | null;
	/** base32 TOTP secret when the user has enrolled a second factor */
	totp_secret: string | null;
	/** the last 30 s TOTP step accepted: a code is good once (RFC 6238 §5.2) */
	totp_last_step: number | null;
	/** "<issuer> <sub>" for a user who signs in through the identity provider (OIDC); null for local accounts */
	oidc_subject: string | null;
	/** 1 after an administrator set the password: the user chooses their own at the next login */
	must_change_password: Generated<number>;
}

export interface SessionsTable {
	id: string;
	user_id: number;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
}

export interface DeviceTokensTable {
	id: string;
	user_id: number;
	kind: 'api' | 'device';
	label: string;
	created_at: number;
	last_used_at: number | null;
	revoked_at: number | null;
}

export interface DutyPeriodsTable {
	id: Generated<number>;
	user_id: number;
	started_at: number;
	ended_at: number | null;
}

export interface ImportsTable {
	id: Generated<number>;
	file_name: string;
	content_hash: string;
	format: string;
	source: string;
	rows_read: number;
	rows_accepted: number;
	rows_rejected: number;
	rows_without_location: number;
	report: string;
	created_at: number;
	created_by: number | null;
	status: Generated<'staging' | 'done' | 'failed'>;
	bytes_total: Generated<number>;
	bytes_read: Generated<number>;
	error: string | null;
	rows_inserted: Generated<number>;
	rows_updated: Generated<number>;
	/** '' without a mapping; else the hash of the mapping and zone the file was read with (unique with content_hash) */
	mapping_hash: Generated<string>;
	/** the mapping used, as JSON (null without one) */
	mapping: string | null;
}

export interface ImportStagingTable {
	import_id: number;
	seq: number;
	source: string;
	source_id: string | null;
	month: string;
	occurred_at: number | null;
	lon: number;
	lat: number;
	category: string;
	offence_code: string | null;
	location: string | null;
	lsoa_code: string | null;
	lsoa_name: string | null;
	outcome: string | null;
	context: string | null;
	harm: number;
	/** JSON: [{ ref, role, name?, dob? }] from a force's own file */
	persons: string | null;
}

export interface ImportMappingsTable {
	id: Generated<number>;
	name: string;
	mapping: string;
	created_at: number;
}

export interface HarmTablesTable {
	id: Generated<number>;
	name: string;
	source: string;
	version: string;
	weights: string;
	excluded: string;
	active: number;
	created_at: number;
}

export interface ExclusionAreasTable {
	id: Generated<number>;
	name: string;
	kind: string;
	geometry: string;
	created_at: number;
	created_by: number | null;
}

export interface CrimeRecordsTable {
	id: Generated<number>;
	import_id: number | null;
	source: string;
	source_id: string | null;
	month: string;
	occurred_at: number | null;
	lon: number;
	lat: number;
	category: string;
	offence_code: string | null;
	location: string | null;
	lsoa_code: string | null;
	lsoa_name: string | null;
	outcome: string | null;
	context: string | null;
	harm: number;
}

export interface HotspotSetsTable {
	id: Generated<number>;
	name: string;
	status: 'draft' | 'published' | 'archived';
	params: string;
	target_interval_minutes: number;
	created_at: number;
	created_by: number | null;
	published_at: number | null;
	results: Generated<string>;
	target_interval_s: Generated<number>;
}

export interface HotspotsTable {
	id: Generated<number>;
	set_id: number;
	key: string;
	rank: number;
	name: string;
	geometry: string;
	centroid_lon: number;
	centroid_lat: number;
	min_lon: number;
	min_lat: number;
	max_lon: number;
	max_lat: number;
	crimes: number;
	harm: number;
	z: number;
	p: number;
	windows: string;
	why: string;
	briefing: string;
}

export interface FixesTable {
	id: string;
	officer_id: number;
	t: number;
	received_at: number;
	lat: number;
	lon: number;
	accuracy: number;
	speed: number | null;
	heading: number | null;
	quality: string;
	source: string;
}

export interface VisitsTable {
	id: string;
	officer_id: number;
	hotspot_id: number;
	start_t: number;
	end_t: number;
	minutes: number;
	unknown_minutes: number;
	mode: 'foot' | 'vehicle' | 'unknown';
	stops: number;
	dose: number;
	open: number;
	updated_at: number;
	inside: Generated<string>;
	unknown: Generated<string>;
	mode_ms: Generated<string>;
}

export interface TaskingsTable {
	id: string;
	officer_id: number;
	hotspot_id: number;
	created_by: number | null;
	created_at: number;
	kind: 'self' | 'supervisor';
	status: 'offered' | 'accepted' | 'declined' | 'done' | 'cancelled';
	note: string | null;
	responded_at: number | null;
}

export interface ActivitiesTable {
	id: string;
	officer_id: number;
	hotspot_id: number | null;
	t: number;
	kind: string;
	note: string | null;
	received_at: number;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: number;
	actor_id: number | null;
	actor: string;
	operation: 'collection' | 'alteration' | 'consultation' | 'disclosure' | 'combination' | 'erasure';
	subject: string;
	detail: string;
	recipients: string | null;
	prev_hash: string;
	hash: string;
}

export interface TrialsTable {
	id: Generated<number>;
	set_id: number;
	name: string;
	seed: string;
	fraction: number;
	start_day: string;
	end_day: string;
	day_start_hour: number;
	tz: string;
	status: 'planned' | 'running' | 'ended';
	created_at: number;
	created_by: number | null;
}

export interface TrialAssignmentsTable {
	trial_id: number;
	day: string;
	hotspot_id: number;
	arm: 'treatment' | 'control';
}

export type PersonRole = 'suspect' | 'offender' | 'victim' | 'witness';

export interface PersonsTable {
	id: Generated<number>;
	source: string;
	ref: string;
	name: string | null;
	dob: string | null;
}

export interface CrimePersonsTable {
	crime_id: number;
	person_id: number;
	role: PersonRole;
}

export interface MetaTable {
	key: string;
	value: number;
}

export interface Database {
	persons: PersonsTable;
	crime_persons: CrimePersonsTable;
	meta: MetaTable;
	trials: TrialsTable;
	trial_assignments: TrialAssignmentsTable;
	users: UsersTable;
	sessions: SessionsTable;
	device_tokens: DeviceTokensTable;
	duty_periods: DutyPeriodsTable;
	imports: ImportsTable;
	import_staging: ImportStagingTable;
	import_mappings: ImportMappingsTable;
	harm_tables: HarmTablesTable;
	exclusion_areas: ExclusionAreasTable;
	crime_records: CrimeRecordsTable;
	hotspot_sets: HotspotSetsTable;
	hotspots: HotspotsTable;
	fixes: FixesTable;
	visits: VisitsTable;
	taskings: TaskingsTable;
	activities: ActivitiesTable;
	audit_log: AuditLogTable;
}

export type Db = Kysely<Database>;
