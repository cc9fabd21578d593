import { describe, expect, it } from 'vitest';
import { stepOfActivity } from './pipeline.ts';

describe('stepOfActivity', () => {
  it('reads the parts of clean, compare and distribute as their step, and every other activity as itself', () => {
    expect(['cleanPlan', 'cleanPart', 'cleanFinish'].map(stepOfActivity)).toEqual(['clean', 'clean', 'clean']);
    expect(['comparePlan', 'comparePart', 'compareFinish'].map(stepOfActivity)).toEqual(['compare', 'compare', 'compare']);
    expect(['distributePlan', 'distributeTo', 'distributeFinish'].map(stepOfActivity)).toEqual(['distribute', 'distribute', 'distribute']);
    // The cases of the measures delivered open as the last act of distributing.
    expect(stepOfActivity('openCases')).toBe('distribute');
    expect(['receive', 'clean', 'link', 'finish', 'distributeDecision', 'cleanup'].map(stepOfActivity))
      .toEqual(['receive', 'clean', 'link', 'finish', 'distributeDecision', 'cleanup']);
  });
});
