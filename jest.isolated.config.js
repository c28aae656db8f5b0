/**
 * Tests that must not be able to reach any address off this machine: `npm run test:isolated` runs them in a
 * network namespace with only loopback (test/isolated/run-in-network-namespace.sh).
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testMatch: ['<rootDir>/test/**/*.isolated.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
};
