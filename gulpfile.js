const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n reads each node's and credential's icon from beside the built file.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
