// Worker setup file: the search index's schema in the test D1. applyD1Migrations skips what is already applied,
// so running it for every test file (setup files run outside per-file storage isolation) is safe.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.SEARCH, env.TEST_MIGRATIONS);
