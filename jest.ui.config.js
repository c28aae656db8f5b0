/**
 * The editor suite: n8n's editor in Debian's Chromium, driven by puppeteer-core (`npm run test:ui`). Run in
 * band: each file starts its own n8n.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': 'ts-jest' },
	testMatch: ['<rootDir>/test/ui/**/*.ui.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 120_000,
};
