/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': 'ts-jest' },
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	// Run by `npm run test:isolated`, in a network namespace with only loopback (jest.isolated.config.js).
	testPathIgnorePatterns: ['/node_modules/', '\\.isolated\\.test\\.ts$'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 20000,
};
