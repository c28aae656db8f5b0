import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ICredentialType } from 'n8n-workflow';

const ROOT = join(__dirname, '..', '..');

/** What package.json's `n8n.credentials` lists: built files, each named after the class it exports. */
export const LISTED_CREDENTIAL_FILES: readonly string[] = (
	JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } }
).n8n.credentials;

export interface ListedCredential {
	/** The source of the listed file: `credentials/FusionOpenAiApi.credentials.ts`. */
	sourceFile: string;
	className: string;
	credential: ICredentialType;
}

/** Each listed credential type loaded as n8n's package loader does: the class named after the file, instantiated. */
export function loadListedCredentials(): ListedCredential[] {
	return LISTED_CREDENTIAL_FILES.map((listed) => {
		const sourceFile = listed.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const className = basename(listed).split('.')[0];
		const exported = require(join(ROOT, sourceFile)) as Record<string, new () => ICredentialType>;
		return { sourceFile, className, credential: new exported[className]() };
	});
}

export const CREDENTIALS_DIR = join(ROOT, 'credentials');
