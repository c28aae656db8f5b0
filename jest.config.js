/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': 'ts-jest' },
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 20000,
};
