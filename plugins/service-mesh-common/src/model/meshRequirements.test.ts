import {
  REQUIREMENT_CRITERIA,
  REQUIREMENT_CRITERION_IDS,
} from '../vocabulary/criteria';
import { meshRequirementsSchema } from './meshRequirements';

describe('meshRequirementsSchema', () => {
  it('fills every default from an empty object', () => {
    expect(meshRequirementsSchema.parse({})).toEqual({
      platforms: [],
      mustHave: [],
      niceToHave: [],
      preferences: {
        controlPlane: 'any',
        lowOverhead: false,
        openSourceLicense: false,
        experience: [],
      },
      weights: {},
    });
  });

  it.each([
    [{ platforms: ['mainframe'] }, ['platforms', 0]],
    [{ mustHave: ['mirorring'] }, ['mustHave', 0]],
    [{ weights: { overhead: 11 } }, ['weights', 'overhead']],
    [{ weights: { speed: 1 } }, ['weights']],
    [
      { preferences: { controlPlane: 'cloud' } },
      ['preferences', 'controlPlane'],
    ],
    [
      { preferences: { experience: ['Istio Sidecar'] } },
      ['preferences', 'experience', 0],
    ],
  ])('rejects %j at %j', (input, path) => {
    const result = meshRequirementsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(path);
  });

  it('offers a labelled criterion for every weight key', () => {
    expect(REQUIREMENT_CRITERIA.map(c => c.id)).toEqual([
      ...REQUIREMENT_CRITERION_IDS,
    ]);
    const weightKeys = Object.keys(
      (meshRequirementsSchema.shape.weights as any).removeDefault().shape,
    );
    expect(weightKeys).toEqual([...REQUIREMENT_CRITERION_IDS]);
  });
});
