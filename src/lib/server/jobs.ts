// Progress of long requests (imports) that a page polls while it waits. Kept per process: a poll
// that reaches another node behind a load balancer just sees "unknown" and shows a spinner.
export interface JobProgress {
	stage: 'uploading' | 'reading' | 'saving' | 'done' | 'failed';
	done: number;
	total: number;
	updatedAt: number;
}

export class Jobs {
	private jobs = new Map<string, JobProgress>();

	set(id: string, p: Omit<JobProgress, 'updatedAt'>): void {
		this.jobs.set(id, { ...p, updatedAt: Date.now() });
		if (this.jobs.size > 200) {
			const oldest = [...this.jobs.entries()].sort((a, b) => a[1].updatedAt - b[1].updatedAt)[0];
			this.jobs.delete(oldest[0]);
		}
	}

	get(id: string): JobProgress | undefined {
		return this.jobs.get(id);
	}
}
