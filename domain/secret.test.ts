import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REDACTED, Secret } from './secret.ts';

const VALUE = 'postgres://cdf:s3cret@db:5432/cdf';

describe('Secret', () => {
  const s = new Secret(VALUE);

  it('gives its value only when asked by name', () => {
    expect(s.reveal()).toBe(VALUE);
  });

  it.each([
    ['String()', () => String(s)],
    ['toString()', () => s.toString()],
    ['a template literal', () => `${s}`],
    ['concatenation', () => 'url: ' + (s as unknown as string)],
    ['JSON.stringify', () => JSON.stringify(s)],
    ['JSON.stringify inside an object', () => JSON.stringify({ config: { databaseUrl: s } })],
    ['util.inspect', () => inspect(s)],
    ['util.inspect, hidden properties shown', () => inspect({ s }, { showHidden: true, depth: 10 })],
    ['util.inspect without custom inspection', () => inspect(s, { customInspect: false, showHidden: true })],
    ['util.format %s %o %j', () => format('%s %o %j %O', s, s, s, { s })],
    ['Object.entries', () => JSON.stringify(Object.entries(s))],
    ['a spread copy', () => JSON.stringify({ ...s })],
  ])('is not printed by %s', (_route, print) => {
    expect(print()).not.toContain('s3cret');
  });

  it('prints as [redacted]', () => {
    expect(String(s)).toBe(REDACTED);
    expect(`${s}`).toBe(REDACTED);
    expect(JSON.stringify({ s })).toBe('{"s":"[redacted]"}');
    expect(inspect(s)).toBe(REDACTED);
  });

  it('is not printed by console.log', () => {
    // A Console of our own: the test runner replaces the global one.
    let printed = '';
    const out = new Writable({ write(chunk: Buffer, _enc, done) { printed += chunk.toString(); done(); } });
    new Console({ stdout: out, stderr: out }).log('config', { databaseUrl: s }, s);
    expect(printed).toContain(`config { databaseUrl: ${REDACTED} } ${REDACTED}`);
    expect(printed).not.toContain('s3cret');
  });
});
