// `npm run lint:workflows` passes the deploy workflow, catches a broken one, and fails clearly without yamllint.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processTimeout } from '../../support/timeouts.ts';

const lint = (files: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['scripts/lint-workflows.ts', ...files], { encoding: 'utf8', env });

const hasYamllint = spawnSync('yamllint', ['--version']).status === 0;

describe.skipIf(!hasYamllint && !process.env.CI)('the workflow linters', { timeout: processTimeout }, () => {
  it('pass .github/workflows/deploy.yml', () => {
    const result = lint([]);
    expect(result.stdout).toContain('wirefeed: workflows OK (.github/workflows/deploy.yml)');
    expect(result.status).toBe(0);
  });

  it('reject a job with a misspelt key', () => {
    const result = lint(['test/fixtures/workflows/bad-key.yml']);
    expect(result.stdout + result.stderr).toContain("Additional property 'runs_on' is not allowed");
    expect(result.stderr).toContain('wirefeed: action-validator found problems in test/fixtures/workflows/bad-key.yml');
    expect(result.status).toBe(1);
  });

  it('fail, and say how to install it, when yamllint is missing', () => {
    const result = lint([], { ...process.env, PATH: dirname(process.execPath) });
    expect(result.stderr).toContain('wirefeed: yamllint could not run');
    expect(result.stderr).toContain('apt-get install yamllint');
    expect(result.status).toBe(1);
  });
});
