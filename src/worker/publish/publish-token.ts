/** The publish endpoint's credential: `Authorization: Bearer <PUBLISH_TOKEN>` (RFC 6750), compared by hash in constant time. */

const encoder = new TextEncoder();

/** RFC 6750 §2.1: `Bearer` (any case), one space, a b64token. */
const bearer = /^bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', encoder.encode(text));
}

/**
 * Whether `authorization` carries exactly the secret `token`. Both sides are hashed first, so the comparison
 * is over equal lengths and takes the same time whatever the guess (workerd's `crypto.subtle.timingSafeEqual`).
 * No token configured means no request is ever authorized: the endpoint is closed, never open.
 */
export async function isPublisher(authorization: string | undefined, token: string | undefined): Promise<boolean> {
  if (token === undefined || token.length < 16) return false;
  const presented = bearer.exec(authorization ?? '')?.[1] ?? '';
  const [given, expected] = await Promise.all([sha256(presented), sha256(token)]);
  return timingSafeEqual(given, expected) && presented !== '';
}

function timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBuffer, b: ArrayBuffer) => boolean };
  if (subtle.timingSafeEqual) return subtle.timingSafeEqual(a, b);
  // Node (tools and unit tests): the same constant-time loop over equal lengths.
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let difference = x.length ^ y.length;
  for (let index = 0; index < x.length; index++) difference |= (x[index] as number) ^ (y[index] as number);
  return difference === 0;
}
