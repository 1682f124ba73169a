/** The floor Worker's entry: one floor app per isolate, made on first use from its bindings (floor-worker.ts). */
import type { Hono } from 'hono';
import { createFloorApp } from './floor-worker.ts';

let app: Hono | undefined;

export default {
  fetch(request, env, context) {
    app ??= createFloorApp(env);
    return app.fetch(request, env, context);
  },
} satisfies ExportedHandler<Parameters<typeof createFloorApp>[0]>;
