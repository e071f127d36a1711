import { withoutManagedFields } from './withoutManagedFields';

/** What parsing and then deleting every object's managedFields gives. */
function parsedAndDropped(json: string): unknown {
  return JSON.parse(json, (key, value) =>
    key === 'managedFields' ? undefined : value,
  );
}

const managedFields = [
  {
    manager: 'kube-controller-manager',
    operation: 'Update',
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {} } },
        // Brackets and quotes inside keys and values are text.
        'k:{"port":80,"protocol":"TCP"}': { ']}': '[{"\\\\' },
      },
    },
  },
];

describe('withoutManagedFields', () => {
  it('cuts every object’s managedFields, first, last or in between, and nothing else', () => {
    const list = {
      kind: 'PodList',
      metadata: { resourceVersion: '7', continue: 'abc' },
      items: [
        { metadata: { managedFields, name: 'a', namespace: 'x' } },
        { metadata: { name: 'b', managedFields } },
        { metadata: { name: 'c', managedFields, uid: 'u' }, spec: {} },
        { metadata: { managedFields } },
        { metadata: { name: 'e' } },
      ],
    };
    const json = JSON.stringify(list);

    const cut = withoutManagedFields(json);

    expect(cut.length).toBeLessThan(json.length / 2);
    expect(JSON.parse(cut)).toEqual(parsedAndDropped(json));
  });

  it('leaves the text of strings alone, even one that reads like the key', () => {
    const item = {
      metadata: {
        name: 'tricky',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"metadata":{"managedFields":[{"manager":"x"}]}}',
          note: 'ends in a backslash \\',
        },
        managedFields,
      },
    };
    const json = JSON.stringify({ items: [item] });

    expect(JSON.parse(withoutManagedFields(json))).toEqual(
      parsedAndDropped(json),
    );
    expect(
      (JSON.parse(withoutManagedFields(json)) as any).items[0].metadata
        .annotations,
    ).toEqual(item.metadata.annotations);
  });

  it('returns text without the key, or not as expected, unchanged', () => {
    const plain = JSON.stringify({ items: [{ metadata: { name: 'a' } }] });
    expect(withoutManagedFields(plain)).toBe(plain);
    const truncated = '{"items":[{"metadata":{"managedFields":[{"a":1}';
    expect(withoutManagedFields(truncated)).toBe(truncated);
  });
});
