// Types `exports.default` from 'cloudflare:workers' as this Worker's entry (what `wrangler types` would generate).
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index.ts');
  }
}
