import {
  EMPTY_REQUIREMENTS,
  parseComparedEntries,
  parseRequirementsQuery,
  toMeshRequirements,
  writeComparedEntries,
  writeRequirementsQuery,
  type RequirementsState,
} from './requirementsQuery';

const parse = (query: string, known?: string[]) =>
  parseRequirementsQuery(new URLSearchParams(query), known);

describe('requirementsQuery', () => {
  it('reads an empty query as the empty form', () => {
    expect(parse('')).toEqual(EMPTY_REQUIREMENTS);
  });

  it('reads every field', () => {
    expect(
      parse(
        'platform=ecs&must=mirroring&nice=retries,tracing&cp=managed&lowOverhead=1&oss=true&exp=linkerd&w.mustHave=5&w.overhead=0',
      ),
    ).toEqual({
      platforms: ['ecs'],
      mustHave: ['mirroring'],
      niceToHave: ['retries', 'tracing'],
      controlPlane: 'managed',
      lowOverhead: true,
      openSourceLicense: true,
      experience: ['linkerd'],
      weights: { mustHave: 5, overhead: 0 },
    });
  });

  it('accepts repeated keys and puts lists in catalogue order', () => {
    const state = parse(
      'platform=ecs&platform=kubernetes&must=tracing&must=retries,retries',
    );
    expect(state.platforms).toEqual(['kubernetes', 'ecs']);
    expect(state.mustHave).toEqual(['retries', 'tracing']);
  });

  it('ignores invalid values', () => {
    const state = parse(
      'platform=mainframe,ecs&must=teleport&nice=&cp=sometimes&lowOverhead=yes&exp=Not_An_Id,linkerd&w.mustHave=11&w.niceToHave=abc&w.bogus=3&w.overhead=-1',
    );
    expect(state).toEqual({
      ...EMPTY_REQUIREMENTS,
      platforms: ['ecs'],
      experience: ['linkerd'],
    });
  });

  it('never lists a capability as both must-have and nice-to-have', () => {
    const state = parse('must=mirroring&nice=mirroring,retries');
    expect(state.mustHave).toEqual(['mirroring']);
    expect(state.niceToHave).toEqual(['retries']);
  });

  it('limits team experience to known entries when told them', () => {
    expect(
      parse('exp=linkerd,made-up', ['linkerd', 'cilium']).experience,
    ).toEqual(['linkerd']);
  });

  it('round-trips a full state through the URL', () => {
    const state: RequirementsState = {
      platforms: ['kubernetes', 'ecs'],
      mustHave: ['mirroring', 'automatic-mtls'],
      niceToHave: ['tracing'],
      controlPlane: 'self-hosted',
      lowOverhead: true,
      openSourceLicense: true,
      experience: ['istio-sidecar', 'linkerd'],
      weights: { platforms: 4.5, featureCoverage: 0 },
    };
    const query = writeRequirementsQuery(state);
    expect(query.toString()).toBe(
      'platform=kubernetes%2Cecs&must=mirroring%2Cautomatic-mtls&nice=tracing&cp=self-hosted&lowOverhead=1&oss=1&exp=istio-sidecar%2Clinkerd&w.platforms=4.5&w.featureCoverage=0',
    );
    expect(parseRequirementsQuery(query)).toEqual(state);
  });

  it('writes nothing for the empty form and keeps keys it does not own', () => {
    const params = new URLSearchParams('must=retries&compare=linkerd&tab=x');
    expect(writeRequirementsQuery(EMPTY_REQUIREMENTS, params).toString()).toBe(
      'compare=linkerd&tab=x',
    );
  });

  it('builds the recommendation request', () => {
    expect(
      toMeshRequirements({
        ...EMPTY_REQUIREMENTS,
        platforms: ['ecs'],
        mustHave: ['mirroring'],
        niceToHave: ['mirroring', 'retries'],
      }),
    ).toEqual({
      platforms: ['ecs'],
      mustHave: ['mirroring'],
      niceToHave: ['retries'],
      preferences: {
        controlPlane: 'any',
        lowOverhead: false,
        openSourceLicense: false,
        experience: [],
      },
      weights: {},
    });
  });

  it('reads and writes the compared entries', () => {
    const known = ['istio-sidecar', 'linkerd', 'cilium'];
    expect(
      parseComparedEntries(new URLSearchParams(''), known),
    ).toBeUndefined();
    expect(
      parseComparedEntries(
        new URLSearchParams('compare=cilium,nope,linkerd'),
        known,
      ),
    ).toEqual(['linkerd', 'cilium']);
    expect(
      writeComparedEntries(
        ['linkerd'],
        new URLSearchParams('must=retries'),
      ).toString(),
    ).toBe('must=retries&compare=linkerd');
    expect(
      writeComparedEntries(
        undefined,
        new URLSearchParams('compare=linkerd'),
      ).toString(),
    ).toBe('');
  });
});
