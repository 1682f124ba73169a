/** A storage fault as the client sees it: 503 with Retry-After, no-store, logged once per isolate per file. */
import { StoredFileError } from '../../archive/stored-file-error.ts';

/** RFC 9110 §10.2.3: seconds the client should wait; the next deploy or a repaired file is minutes away. */
export const retryAfterSeconds = 60;

/** Files already logged by this isolate; bounded so a flood of faults cannot grow it. */
const logged = new Set<string>();
const maxLogged = 1000;

/** True for the errors `unavailableResponse` answers: a stored file that failed its checks. */
export function isStorageFault(error: unknown): error is StoredFileError {
  return error instanceof StoredFileError;
}

/** Logs the fault the first time this isolate meets it for this file of this build; later hits stay quiet. */
export function logStorageFault(error: StoredFileError, version: string): void {
  const key = `${version} ${error.path}`;
  if (logged.has(key) || logged.size >= maxLogged) return;
  logged.add(key);
  console.error(`wirefeed: storage fault, answering 503: ${error.message}`);
}

/** The headers a 503 adds to the site's error page (which is already `no-store`). */
export const unavailableHeaders: Readonly<Record<string, string>> = { 'Retry-After': String(retryAfterSeconds) };
