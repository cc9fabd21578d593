#!/usr/bin/env node
// The `cdf` command. The project runs its TypeScript sources directly through tsx, so a fresh
// clone needs no build step before `cdf` works.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
