/**
 * A request the engine cannot carry out as asked: an unknown check, a bad Pod Security level, an unreadable
 * exceptions file, a missing advisory database named explicitly. Every face shows the message as it is
 * (the CLI exits 2, the server answers 400); nothing was scanned.
 */
export class RequestError extends Error {
  override name = 'RequestError';
}
