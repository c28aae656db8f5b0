/**
 * The queue-mode suite: a real n8n in queue mode (Redis, PostgreSQL, main and two workers) runs the packed
 * package (`npm run test:queue`). Run in band: one stack, about 2 GB.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': 'ts-jest' },
	testMatch: ['<rootDir>/test/queue/**/*.queue.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 120_000,
};
