import { createMemoryChallengeStore, createMemoryPasskeyStore } from '../index';
import { describeStoreConformance } from './index';

describeStoreConformance('memory', () => ({
  store: createMemoryPasskeyStore(),
  challenges: createMemoryChallengeStore(),
}));

describeStoreConformance('memory (challenges only)', () => ({ challenges: createMemoryChallengeStore() }));
