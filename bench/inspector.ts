/** V8 heap of a workerd Worker through its inspector (`workerd serve --inspector-addr`): CDP `Runtime.getHeapUsage` over a WebSocket. */

export interface HeapUsage {
  /** V8 heap bytes in use (objects, live or not yet collected). */
  readonly usedSize: number;
  /** V8 heap bytes reserved. */
  readonly totalSize: number;
}

/**
 * Heap usage of the Worker `service` of the workerd whose inspector listens on `address`. No forced GC first:
 * workerd's inspector does not answer `HeapProfiler.collectGarbage` (the call never returns), so the figure
 * includes garbage not yet collected — the same for every size of archive.
 */
export async function heapUsage(address: string, service: string, timeoutMs = 5000): Promise<HeapUsage> {
  const socket = new WebSocket(`ws://${address}/${service}`);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`inspector ws://${address}/${service}: no connection`)), {
        once: true,
      });
    });
    return await new Promise<HeapUsage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('inspector: no answer to Runtime.getHeapUsage')), timeoutMs);
      socket.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: HeapUsage };
        if (message.id !== 1) return;
        clearTimeout(timer);
        if (message.result === undefined) reject(new Error(`inspector: ${String(event.data)}`));
        else resolve({ usedSize: message.result.usedSize, totalSize: message.result.totalSize });
      });
      socket.send(JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage', params: {} }));
    });
  } finally {
    socket.close();
  }
}
