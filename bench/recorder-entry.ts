/**
 * The recorder Worker: wirefeed's own entry (src/index.ts) over bindings that write down every R2 and D1 read
 * (recording.ts); it answers a request with what wirefeed answered and read, as JSON. Never measured: the I/O floor
 * replays what it saw.
 */
import wirefeed from '../src/index.ts';
import { type Recorded, recordingEnv } from './recording.ts';

export default {
  async fetch(request, env, context) {
    const recorded: Recorded = { r2: [], d1: [] };
    const response = await wirefeed.fetch(request, recordingEnv(env, recorded), context);
    const bytes = (await response.arrayBuffer()).byteLength;
    return Response.json({ status: response.status, bytes, recorded });
  },
} satisfies ExportedHandler<Env>;
