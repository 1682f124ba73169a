import { describe, expect, it } from 'vitest';
import { keyHash } from '../../../../src/model/source-key.ts';
import {
  type CursorState,
  decodeCursor,
  encodeCursor,
  maxIdLength,
  type Paging,
  startState,
} from '../../../../src/worker/partners/changes-cursor.ts';

const plain: CursorState = { base: { seq: 42, time: 1_752_652_800_000, embargoSeq: 40 } };
const delta: Paging = {
  target: { seq: 9, time: 1_752_652_900_000 },
  entitled: true,
  floorSeq: 5,
  after: { visibleAt: 1_752_652_850_000, seq: 5, id: '5.财经-报道.0' },
};
const paging: CursorState = { base: { seq: 3, time: 1_752_652_800_000, embargoSeq: 3 }, paging: delta };

/** A cursor made by hand: version, check and fields as `encodeCursor` lays them out, or with any check given. */
function handMade(payload: string, { version = '1', check = keyHash(payload).slice(0, 8) } = {}): string {
  return Buffer.from(`${version}.${check}.${payload}`, 'utf8').toString('base64url');
}

function refused(text: string): string {
  const reading = decodeCursor(text);
  if (reading.ok) throw new Error(`${text} was read as ${JSON.stringify(reading.state)}`);
  return reading.reason;
}

describe('changes cursor', () => {
  it('reads back every state it writes, an id with dots and any script included', () => {
    let checked = 0;
    for (const state of [startState, plain, paging]) {
      expect(decodeCursor(encodeCursor(state))).toEqual({ ok: true, state });
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('is opaque base64url text, with no padding', () => {
    let checked = 0;
    for (const state of [startState, plain, paging]) {
      expect(encodeCursor(state)).toMatch(/^[A-Za-z0-9_-]+$/);
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('refuses what is not base64url text', () => {
    let checked = 0;
    for (const text of ['', 'not a cursor!', 'MS4w=', 'MS4w==', '%2F', 'a', '////', '++++']) {
      expect(refused(text)).toMatch(/not a cursor this API gave out/);
      checked++;
    }
    expect(checked).toBe(8);
  });

  it('refuses a cursor cut short, by any number of characters', () => {
    let checked = 0;
    for (const state of [plain, paging]) {
      const text = encodeCursor(state);
      for (let length = 1; length < text.length; length++)
        expect(decodeCursor(text.slice(0, length)).ok, `${length} of ${text.length}`).toBe(false);
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('refuses a cursor with any one character changed', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let checked = 0;
    for (const state of [plain, paging]) {
      const text = encodeCursor(state);
      for (let index = 0; index < text.length; index++) {
        const swapped = alphabet[(alphabet.indexOf(text[index] ?? 'A') + 17) % alphabet.length];
        const tampered = `${text.slice(0, index)}${swapped}${text.slice(index + 1)}`;
        expect(decodeCursor(tampered).ok, `character ${index}`).toBe(false);
      }
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('refuses a cursor whose check does not match its fields', () => {
    expect(refused(handMade('42.1752652800000.40', { check: '00000000' }))).toMatch(/not a cursor/);
    expect(decodeCursor(handMade('42.1752652800000.40'))).toEqual({ ok: true, state: plain });
  });

  it('says so for a cursor of another version', () => {
    expect(refused(handMade('42.1752652800000.40', { version: '2' }))).toBe(
      'since is a cursor of version 2, which this API no longer reads; start again',
    );
    expect(refused(handMade('42.1752652800000.40', { version: '0' }))).toMatch(/version 0/);
  });

  it('refuses numbers that are huge, negative, fractional or not written plainly', () => {
    let checked = 0;
    for (const payload of [
      '9007199254740992.0.0', // 2^53: not a safe integer
      '99999999999999999999.0.0',
      '1.8640000000000001.0', // past the last instant a Date holds
      '-1.0.0',
      '1.5e3.0',
      '1.1.5.0',
      '01.0.0',
      '+1.0.0',
      '1. 0.0',
      '0x10.0.0',
      'Infinity.0.0',
      '1.0',
      '1.0.0.0',
    ]) {
      expect(decodeCursor(handMade(payload)).ok, payload).toBe(false);
      checked++;
    }
    expect(checked).toBe(13);
  });

  it('refuses fields that contradict each other', () => {
    let checked = 0;
    for (const payload of [
      '3.0.4', // more given early than published
      '5.100.5.4.100.p.5.0.1.x', // target before the base
      '5.100.5.9.99.p.6.0.1.x', // target time before the base time
      '5.100.5.9.200.p.5.0.1.x', // floor at or below the base
      '5.100.5.9.200.p.11.0.1.x', // floor past the target
      '5.100.5.9.200.p.6.0.10.x', // last given past the target
      '5.100.5.9.200.p.6.0.0.x', // last given from no publish
      '5.100.5.9.200.q.6.0.1.x', // no such mode
      '5.100.5.9.200.p.6.0.1.', // no id
      `5.100.5.9.200.p.6.0.1.${'x'.repeat(maxIdLength + 1)}`,
      '5.100.5.9.200.p.6.0', // cut fields
    ]) {
      expect(decodeCursor(handMade(payload)).ok, payload.slice(0, 40)).toBe(false);
      checked++;
    }
    expect(checked).toBe(11);
    expect(decodeCursor(handMade('5.100.5.9.200.p.6.0.1.x')).ok).toBe(true);
  });

  it('refuses bytes that are not UTF-8, and over-long text without decoding it', () => {
    const payload = Buffer.concat([Buffer.from('1.'), Buffer.from([0xff, 0xfe]), Buffer.from('.1.0.0')]);
    expect(refused(payload.toString('base64url'))).toMatch(/not a cursor/);
    expect(refused('A'.repeat(100_000))).toMatch(/not a cursor/);
  });

  it('refuses a change id too long to carry, when writing', () => {
    const long = { ...paging, paging: { ...delta, after: { visibleAt: 0, seq: 5, id: 'x'.repeat(maxIdLength + 1) } } };
    expect(() => encodeCursor(long)).toThrow(RangeError);
  });
});
