import { afterEach, describe, expect, it, vi } from 'vitest';
import { logPartnerRequest, type PartnerRequestEntry } from '../../../../src/worker/partners/request-log.ts';

describe('partner request log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON line: event, partner, route, items, status', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    logPartnerRequest({ partner: 'acme', route: '/api/v1/changes', items: 12, status: 200 });
    expect(log.mock.calls).toEqual([
      ['{"event":"partner_request","partner":"acme","route":"/api/v1/changes","items":12,"status":200}'],
    ]);
  });

  it('logs a refused request without a partner', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    logPartnerRequest({ partner: null, route: '/api/v1/articles/:slug', items: 0, status: 401 });
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toEqual({
      event: 'partner_request',
      partner: null,
      route: '/api/v1/articles/:slug',
      items: 0,
      status: 401,
    });
  });

  it('never carries anything else a caller hands it, such as the Authorization header', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const entry = {
      partner: 'acme',
      route: '/api/v1/changes',
      items: 1,
      status: 200,
      authorization: 'Bearer acme-test-key',
    };
    logPartnerRequest(entry as PartnerRequestEntry);
    expect(String(log.mock.calls[0]?.[0])).not.toContain('acme-test-key');
  });
});
