import path from 'node:path';
import { repoRoot } from './cli.ts';

/** A hand-written 12-row penalty extract whose every outcome the tests know (see pipeline.test.ts). */
export const HAND_WRITTEN_EXTRACT = path.join(repoRoot, 'test', 'fixtures', 'admin_penalty_hand_written.csv');
