import { describe, expect, it } from 'vitest';
import { nodeArgs } from './node-args.ts';

describe('nodeArgs', () => {
  it('runs an entry through tsx, unprofiled by default', () => {
    expect(nodeArgs('/app', 'worker/main.ts', undefined)).toEqual(['--import', 'tsx', '/app/worker/main.ts']);
    expect(nodeArgs('/app', 'worker/main.ts', '')).toEqual(['--import', 'tsx', '/app/worker/main.ts']);
  });

  it('profiles the worker, not the API, when a profile folder is given', () => {
    expect(nodeArgs('/app', 'worker/main.ts', '/tmp/prof')).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', '/app/worker/main.ts']);
    expect(nodeArgs('/app', 'server/main.ts', '/tmp/prof')).toEqual(['--import', 'tsx', '/app/server/main.ts']);
  });
});
