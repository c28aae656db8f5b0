import { TokenBucket } from '../../../../nodes/engine/state/memory/rate-limit-buckets';

describe('TokenBucket', () => {
	it('starts with a minute of capacity, then refills continuously', () => {
		const bucket = new TokenBucket(60, 0);
		for (let request = 0; request < 60; request++) expect(bucket.take(1, 0)).toBe(0);
		expect(bucket.take(1, 0)).toBe(1_000);
		expect(bucket.take(1, 1_000)).toBe(0);
	});

	it('says how long a large token charge must wait, and lets a reconciliation give tokens back', () => {
		const bucket = new TokenBucket(1_000, 0);
		expect(bucket.take(800, 0)).toBe(0);
		expect(bucket.take(400, 0)).toBe(12_000);
		bucket.adjust(300);
		expect(bucket.take(400, 0)).toBe(0);
	});
});
