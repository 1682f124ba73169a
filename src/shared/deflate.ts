/** Raw DEFLATE (RFC 1951) with the Compression Streams API, the same in workerd and Node: how archive pieces are stored. */

/** The decompressed bytes; throws on input that is not raw DEFLATE or is cut short. */
export function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return through(bytes, new DecompressionStream('deflate-raw'));
}

/** Raw DEFLATE of `bytes` (the build uses node:zlib, which is faster and gives the same format). */
export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return through(bytes, new CompressionStream('deflate-raw'));
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Written and closed without awaiting: the reads below drain the stream as it fills.
  const written = writer.write(bytes).then(() => writer.close());
  // When the data is bad the read below throws first; the write's own rejection is the same failure.
  written.catch(() => {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await written;
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
