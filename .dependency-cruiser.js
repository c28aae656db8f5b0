// Import structure checked by `npm run lint:cycles`. Type-only imports count: they tie layers
// together as much as calls do.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'Files that import each other, directly or through other files.',
			from: {},
			to: { circular: true },
		},
		{
			name: 'no-engine-folder-cycles',
			scope: 'folder',
			severity: 'error',
			comment:
				'Engine folders that import each other through any of their files: layers point down only.',
			from: { path: '^nodes/engine/' },
			to: { circular: true },
		},
		{
			name: 'engine-independent-of-n8n',
			severity: 'error',
			comment: 'The engine imports nothing from n8n, the nodes or the credentials.',
			from: { path: '^nodes/engine/' },
			to: {
				path: ['^node_modules/n8n-', '^node_modules/@n8n/', '^credentials/', '^nodes/(?!engine/)'],
			},
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
	},
};
