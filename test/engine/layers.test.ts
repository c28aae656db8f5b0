import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ENGINE = resolve(__dirname, '../../nodes/engine');

/**
 * The engine's folders, lowest first: a folder imports only from folders before it, so that a change at the top
 * never ripples down and no two folders need each other.
 */
const LAYERS = [
	'errors',
	'state',
	'concurrency',
	'request',
	'transport',
	'providers',
	'catalog',
	'models',
	'call',
	'strategies',
	'chat',
];

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const layerOf = (file: string) => relative(ENGINE, file).split('/')[0];

/** Every import of another engine folder, type-only imports included, as "file → folder". */
function crossFolderImports(): Array<{ file: string; from: string; to: string }> {
	return sourceFiles(ENGINE)
		.filter((file) => layerOf(file) !== 'index.ts')
		.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/\bfrom '(\.[^']+)'/g)].map((match) => ({
				file: relative(ENGINE, file),
				from: layerOf(file),
				to: layerOf(resolve(dirname(file), match[1])),
			})),
		)
		.filter((edge) => edge.from !== edge.to);
}

describe('the engine folders', () => {
	it('are all placed in a layer', () => {
		const folders = readdirSync(ENGINE, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		expect([...folders].sort()).toEqual([...LAYERS].sort());
	});

	it('import only from the layers below their own', () => {
		const upward = crossFolderImports().filter(
			(edge) => LAYERS.indexOf(edge.to) > LAYERS.indexOf(edge.from),
		);
		expect(upward).toEqual([]);
	});

	it('keep their imports inside the engine', () => {
		expect(crossFolderImports().filter((edge) => !LAYERS.includes(edge.to))).toEqual([]);
	});
});
