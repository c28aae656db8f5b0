/**
 * The end-to-end suite: a real n8n runs the packed package (`npm run test:e2e`). One file, run in band; the
 * first run also installs n8n into a cache folder, which takes about 5 minutes.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': 'ts-jest' },
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 60_000,
};
