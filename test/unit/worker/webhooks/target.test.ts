// The SSRF guard as one table: each URL, what production says, what ALLOW_LOCAL_WEBHOOKS=1 says ('ok', or a
// fragment of the refusal). This file runs in Node (unit) and in workerd (worker): the guard trusts the URL parser
// of the runtime it runs in to normalize every IPv4 spelling, so the table is checked against both.
import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, targetPolicy } from '../../../../src/worker/webhooks/target.ts';

type Row = readonly [url: string, production: string, local: string];

const loopback = 'loopback (RFC 1122) address';
const mappedLoopback = 'loopback (RFC 1122), embedded in IPv6 address';
const private1918 = 'private (RFC 1918) address';

const table: readonly Row[] = [
  // Public hosts: accepted.
  ['https://hooks.acme.example/wirefeed', 'ok', 'ok'],
  ['https://hooks.acme.example:8443/w?partner=acme', 'ok', 'ok'],
  ['https://HOOKS.ACME.EXAMPLE./wirefeed', 'ok', 'ok'],
  ['https://bücher.example/hook', 'ok', 'ok'],
  ['https://8.8.8.8/hook', 'ok', 'ok'],
  ['https://[2606:4700:4700::1111]/hook', 'ok', 'ok'],
  ['https://[::ffff:8.8.8.8]/hook', 'ok', 'ok'],
  ['https://172.32.0.1/', 'ok', 'ok'],
  ['https://100.128.0.1/', 'ok', 'ok'],
  ['https://localhost.example/', 'ok', 'ok'],
  ['https://printer.local.example.com/', 'ok', 'ok'],
  // Scheme, credentials, not a URL.
  ['http://hooks.acme.example/wirefeed', 'scheme http: is not https:', 'ok'],
  ['ftp://hooks.acme.example/', 'scheme ftp: is not https:', 'scheme ftp: is not https: or http:'],
  ['javascript:alert(1)', 'scheme javascript:', 'scheme javascript:'],
  ['https://user:pass@hooks.acme.example/', 'credentials in the URL', 'credentials in the URL'],
  ['https://user@hooks.acme.example/', 'credentials in the URL', 'credentials in the URL'],
  ['hooks.acme.example/wirefeed', 'not an absolute URL', 'not an absolute URL'],
  ['/wirefeed', 'not an absolute URL', 'not an absolute URL'],
  // Loopback, in every spelling the URL parser accepts: refused in production, accepted locally.
  ['http://127.0.0.1:8787/hook', 'scheme http: is not https:', 'ok'],
  ['https://127.0.0.1/', loopback, 'ok'],
  ['https://127.255.255.254/', loopback, 'ok'],
  ['https://2130706433/', loopback, 'ok'],
  ['https://0x7f.1/', loopback, 'ok'],
  ['https://127.1/', loopback, 'ok'],
  ['https://0177.0.0.1/', loopback, 'ok'],
  ['https://0x7f000001/', loopback, 'ok'],
  ['https://[::1]/', 'loopback (::1) address', 'ok'],
  ['https://[0:0:0:0:0:0:0:1]/', 'loopback (::1) address', 'ok'],
  ['https://[::ffff:127.0.0.1]/', mappedLoopback, 'ok'],
  ['https://[::ffff:7f00:1]/', mappedLoopback, 'ok'],
  ['https://[::127.0.0.1]/', mappedLoopback, 'ok'],
  ['https://localhost/', 'loopback name (RFC 6761)', 'ok'],
  ['https://LOCALHOST./', 'loopback name (RFC 6761)', 'ok'],
  ['https://api.localhost/', 'loopback name (RFC 6761)', 'ok'],
  // Private, shared, link-local, unspecified, multicast, broadcast, documentation: refused everywhere.
  ['https://10.0.0.1/', private1918, private1918],
  ['http://10.255.255.255/', 'scheme http: is not https:', private1918],
  ['https://172.16.0.1/', private1918, private1918],
  ['https://172.31.255.255/', private1918, private1918],
  ['https://192.168.1.1/', private1918, private1918],
  ['https://0xc0a80101/', private1918, private1918],
  ['https://3232235777/', private1918, private1918],
  ['https://100.64.0.1/', 'shared CGNAT (RFC 6598) address', 'shared CGNAT (RFC 6598) address'],
  ['https://100.127.255.255/', 'shared CGNAT (RFC 6598) address', 'shared CGNAT (RFC 6598) address'],
  ['https://169.254.169.254/latest/meta-data/', 'link-local (RFC 3927) address', 'link-local (RFC 3927) address'],
  ['https://0.0.0.0/', 'unspecified', 'unspecified'],
  ['https://0/', 'unspecified', 'unspecified'],
  ['https://224.0.0.1/', 'multicast (RFC 5771) address', 'multicast (RFC 5771) address'],
  ['https://239.255.255.250/', 'multicast (RFC 5771) address', 'multicast (RFC 5771) address'],
  ['https://255.255.255.255/', 'reserved or broadcast', 'reserved or broadcast'],
  ['https://240.0.0.1/', 'reserved or broadcast', 'reserved or broadcast'],
  ['https://192.0.2.1/', 'documentation (RFC 5737) address', 'documentation (RFC 5737) address'],
  ['https://198.51.100.7/', 'documentation (RFC 5737) address', 'documentation (RFC 5737) address'],
  ['https://203.0.113.9/', 'documentation (RFC 5737) address', 'documentation (RFC 5737) address'],
  ['https://198.18.0.1/', 'benchmarking (RFC 2544) address', 'benchmarking (RFC 2544) address'],
  ['https://192.0.0.8/', 'IETF protocol assignments', 'IETF protocol assignments'],
  // IPv6, and IPv4 carried inside IPv6.
  ['https://[::]/', 'unspecified (::) address', 'unspecified (::) address'],
  ['https://[fe80::1]/', 'link-local (RFC 4291) address', 'link-local (RFC 4291) address'],
  ['https://[febf:ffff::1]/', 'link-local (RFC 4291) address', 'link-local (RFC 4291) address'],
  ['https://[fec0::1]/', 'site-local (RFC 3879) address', 'site-local (RFC 3879) address'],
  ['https://[fc00::1]/', 'unique-local (RFC 4193) address', 'unique-local (RFC 4193) address'],
  ['https://[fd12:3456:789a::1]/', 'unique-local (RFC 4193) address', 'unique-local (RFC 4193) address'],
  ['https://[ff02::1]/', 'multicast (RFC 4291) address', 'multicast (RFC 4291) address'],
  ['https://[2001:db8::1]/', 'documentation (RFC 3849) address', 'documentation (RFC 3849) address'],
  ['https://[::ffff:10.0.0.1]/', 'private (RFC 1918), embedded in IPv6', 'private (RFC 1918), embedded in IPv6'],
  ['https://[::ffff:169.254.169.254]/', 'link-local (RFC 3927), embedded', 'link-local (RFC 3927), embedded'],
  ['https://[::ffff:0.0.0.0]/', 'unspecified ("this network", RFC 791), embedded', 'unspecified'],
  ['https://[64:ff9b::a00:1]/', 'private (RFC 1918), embedded in IPv6', 'private (RFC 1918), embedded in IPv6'],
  ['https://[2002:c0a8:101::1]/', 'private (RFC 1918), embedded in IPv6', 'private (RFC 1918), embedded in IPv6'],
  ['https://[2002:7f00:1::]/', mappedLoopback, 'ok'],
  // Names that never leave the local network.
  ['https://printer.local/', 'local-only name (*.local)', 'local-only name (*.local)'],
  ['https://db.internal/', 'local-only name (*.internal)', 'local-only name (*.internal)'],
  ['https://nas.home.arpa/', 'local-only name (*.home.arpa)', 'local-only name (*.home.arpa)'],
  ['https://internal./', 'local-only name (*.internal)', 'local-only name (*.internal)'],
  ['https://intranet/', 'a single-label name, not a public host', 'a single-label name, not a public host'],
];

describe('the webhook SSRF guard', () => {
  it('has every row of the table', () => {
    expect(table).toHaveLength(74);
  });

  describe.each([
    ['production', targetPolicy({}), 1],
    ['ALLOW_LOCAL_WEBHOOKS=1', targetPolicy({ ALLOW_LOCAL_WEBHOOKS: '1' }), 2],
  ] as const)('in %s', (_, policy, column) => {
    it.each(table.map((row) => [row[0], row[column]]))('%s: %s', (url, expected) => {
      const check = checkWebhookTarget(url, policy);
      if (expected === 'ok') expect(check).toMatchObject({ ok: true });
      else expect(check.ok ? 'accepted' : check.reason).toContain(expected);
    });
  });

  it('takes ALLOW_LOCAL_WEBHOOKS as on only when it is exactly "1"', () => {
    expect(targetPolicy({ ALLOW_LOCAL_WEBHOOKS: '1' })).toEqual({ allowLocal: true });
    let checked = 0;
    for (const value of [undefined, '', '0', 'true', 'yes', ' 1']) {
      expect(targetPolicy(value === undefined ? {} : { ALLOW_LOCAL_WEBHOOKS: value })).toEqual({ allowLocal: false });
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('hands back the parsed URL it checked, which is what gets fetched', () => {
    const check = checkWebhookTarget('https://HOOKS.acme.example/w', targetPolicy({}));
    expect(check.ok && check.url.href).toBe('https://hooks.acme.example/w');
  });
});
