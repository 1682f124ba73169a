/** globalSetup of the worker project: starts the webhook receiver in Node and hands its port to the tests. */
import type { TestProject } from 'vitest/node';
import { startReceiver } from './receiver.ts';
import { testWebhookSecret } from './test-secret.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiverPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const receiver = await startReceiver(testWebhookSecret);
  project.provide('webhookReceiverPort', receiver.port);
  return () => receiver.close();
}
