/** StoredFileError: a stored piece the live root names is missing, truncated or the wrong shape (a 503, never a 404). */

/** Thrown while reading storage; the app answers 503 with Retry-After and caches nothing. */
export class StoredFileError extends Error {
  /** The stored file's path, e.g. `articles/3.json`: what the log line names. */
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`stored file ${path}: ${reason}`);
    this.name = 'StoredFileError';
    this.path = path;
  }
}
