/**
 * The owner account of the n8n instances started for people and browsers (the demo, the editor suite). n8n
 * creates it from the environment at every start, so that the first visit is a login, not a sign-up form.
 * n8n takes the password only as a bcrypt hash; this one is of OWNER_PASSWORD. It is public on purpose: these
 * instances listen on loopback only.
 */
export const OWNER_EMAIL = 'demo@example.com';
export const OWNER_PASSWORD = 'FusionDemo1';
const OWNER_PASSWORD_HASH = '$2a$10$U.GnfYkHsJoA78BRjD8PnOPo.Y2tNEUuic/Av5y9eRvrZBKcQzsj2';

/** n8n's environment for that owner, and for a browser that logs in over plain http. */
export const OWNER_ENVIRONMENT: NodeJS.ProcessEnv = {
	N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
	N8N_INSTANCE_OWNER_EMAIL: OWNER_EMAIL,
	N8N_INSTANCE_OWNER_PASSWORD_HASH: OWNER_PASSWORD_HASH,
	N8N_INSTANCE_OWNER_FIRST_NAME: 'Demo',
	N8N_INSTANCE_OWNER_LAST_NAME: 'User',
	// The first login goes straight to the workflows, and the auth cookie works over plain http.
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
};
