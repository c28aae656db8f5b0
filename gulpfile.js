const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n reads each node's icon and codex file (*.node.json) from beside the built file.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
