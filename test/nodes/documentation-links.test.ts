import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	homepage: string;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const repositoryUrl = manifest.homepage.replace(/#.*$/, '');

/** The anchor GitHub gives a README heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');

const headingAnchors = new Set(
	readme
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

describe("the nodes' Docs links", () => {
	it.each(['FusionChat', 'FusionModels'])(
		'%s points at its section of the README, on the repository the package names',
		(node) => {
			const codex = JSON.parse(
				readFileSync(join(ROOT, 'nodes', node, `${node}.node.json`), 'utf8'),
			) as {
				resources: { primaryDocumentation: Array<{ url: string }> };
			};
			const [{ url }] = codex.resources.primaryDocumentation;
			const [base, anchor] = url.split('#');
			expect(base).toBe(repositoryUrl);
			expect([...headingAnchors]).toContain(anchor);
		},
	);

	it('never point at the npm registry, where the package is not published yet', () => {
		for (const file of [
			'nodes/FusionChat/FusionChat.node.json',
			'nodes/FusionModels/FusionModels.node.json',
			'README.md',
			'package.json',
		]) {
			expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/npmjs\.(com|org)\/package/);
		}
	});
});
