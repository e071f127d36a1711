import {
  formatLabelSelector,
  labelSelectorFromObject,
  LabelSelectorSyntaxError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses every operator of the string form', () => {
    const selector = parseLabelSelector(
      'a=b,c!=d, e in (x, y),f notin (z),g,!h,i==j',
    );
    expect(selector.requirements).toEqual([
      { key: 'a', operator: 'In', values: ['b'] },
      { key: 'c', operator: 'NotIn', values: ['d'] },
      { key: 'e', operator: 'In', values: ['x', 'y'] },
      { key: 'f', operator: 'NotIn', values: ['z'] },
      { key: 'g', operator: 'Exists', values: [] },
      { key: 'h', operator: 'DoesNotExist', values: [] },
      { key: 'i', operator: 'In', values: ['j'] },
    ]);
    expect(formatLabelSelector(selector)).toBe(
      'a=b,c!=d,e in (x,y),f!=z,g,!h,i=j',
    );
  });

  it('accepts prefixed keys such as app.kubernetes.io/name', () => {
    const selector = parseLabelSelector('app.kubernetes.io/name=reviews');
    expect(
      matchesLabelSelector(selector, { 'app.kubernetes.io/name': 'reviews' }),
    ).toBe(true);
  });

  it('treats the empty string as "everything" and rejects malformed terms', () => {
    expect(parseLabelSelector('').requirements).toEqual([]);
    expect(() => parseLabelSelector('a=b,')).toThrow(LabelSelectorSyntaxError);
    expect(() => parseLabelSelector('a in ()')).toThrow(/has no values/);
    expect(() => parseLabelSelector('a b')).toThrow(/cannot parse/);
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'reviews', version: 'v2' };

  it('applies Kubernetes semantics, including != matching a missing key', () => {
    expect(
      matchesLabelSelector(
        parseLabelSelector('app=reviews,version in (v1,v2)'),
        labels,
      ),
    ).toBe(true);
    expect(matchesLabelSelector(parseLabelSelector('tier!=web'), labels)).toBe(
      true,
    );
    expect(
      matchesLabelSelector(parseLabelSelector('version notin (v2)'), labels),
    ).toBe(false);
    expect(matchesLabelSelector(parseLabelSelector('!version'), labels)).toBe(
      false,
    );
    expect(
      matchesLabelSelector(parseLabelSelector('app=details'), labels),
    ).toBe(false);
  });

  it('reads matchLabels and matchExpressions; an unknown operator matches nothing', () => {
    const selector = labelSelectorFromObject({
      matchLabels: { app: 'reviews' },
      matchExpressions: [
        { key: 'version', operator: 'In', values: ['v2', 'v3'] },
      ],
    });
    expect(matchesLabelSelector(selector, labels)).toBe(true);
    const broken = labelSelectorFromObject({
      matchExpressions: [{ key: 'app', operator: 'Near' }],
    });
    expect(matchesLabelSelector(broken, labels)).toBe(false);
  });
});
