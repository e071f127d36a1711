import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { serviceMeshApiRef } from '../api';
import { mockServiceMeshApi } from '../components/__testUtils__';
import {
  assessmentResponse,
  istioStaleProxyAssessment,
  serviceEntity,
} from '../components/__testUtils__/assessments';
import serviceMeshPlugin from '.';

const meshContent = serviceMeshPlugin.getExtension(
  'entity-content:service-mesh/mesh',
);
const readinessCard = serviceMeshPlugin.getExtension(
  'entity-card:service-mesh/readiness',
);

function entity(kind: string, type?: string, name = 'x'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: type ? { type } : {},
  };
}

/** Entities the legacy page's `isComponentType('service')` shows the tab for, and not. */
const SHOWN = [
  entity('Component', 'service'),
  entity('component', 'Service'), // kind and type compare case-insensitively
];
const NOT_SHOWN = [
  entity('Component', 'website'),
  entity('Component', 'library'),
  entity('Component'),
  entity('Group', 'team'),
  entity('API', 'openapi'),
  entity('Resource', 'service'), // only components
  entity('System'),
];

/** Renders an extension's element on an entity page, with a mocked backend. */
async function renderForEntity(element: JSX.Element, target: Entity) {
  const api = mockServiceMeshApi({
    getEntityAssessment: jest
      .fn()
      .mockResolvedValue(
        assessmentResponse('cart-api', istioStaleProxyAssessment()),
      ),
  });
  await renderInTestApp(
    <EntityProvider entity={target}>{element}</EntityProvider>,
    {
      apis: [
        [serviceMeshApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ],
    },
  );
  return api;
}

describe('the Mesh entity content', () => {
  it('is the Mesh tab at mesh', () => {
    const tester = createExtensionTester(meshContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('mesh');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Mesh');
  });

  it("renders a service's assessment", async () => {
    const tester = createExtensionTester(meshContent);
    const api = await renderForEntity(
      tester.reactElement(),
      serviceEntity('cart-api'),
    );

    expect(await screen.findByText('Mesh status')).toBeInTheDocument();
    expect(screen.getAllByText('Secured').length).toBeGreaterThan(0);
    expect(api.getEntityAssessment).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'cart-api',
    });
  });

  it('shows on components of type service only', () => {
    const filter = createExtensionTester(meshContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(SHOWN.map(filter)).toEqual(SHOWN.map(() => true));
    expect(NOT_SHOWN.map(filter)).toEqual(NOT_SHOWN.map(() => false));
  });

  it('takes another filter from config', () => {
    const filter = createExtensionTester(meshContent, {
      config: {
        filter: {
          kind: 'component',
          'spec.type': { $in: ['service', 'website'] },
        },
      },
    }).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity('Component', 'website'))).toBe(true);
    expect(filter(entity('Group', 'team'))).toBe(false);
  });
});

describe('the readiness entity card', () => {
  it('is a content card', () => {
    expect(
      createExtensionTester(readinessCard).get(
        EntityCardBlueprint.dataRefs.type,
      ),
    ).toBe('content');
  });

  it("renders a service's stage and score, linking to the Mesh tab", async () => {
    const tester = createExtensionTester(readinessCard);
    await renderForEntity(tester.reactElement(), serviceEntity('cart-api'));

    expect(await screen.findByText('Secured')).toBeInTheDocument();
    expect(screen.getByLabelText('Readiness score')).toHaveTextContent('100');
    expect(
      screen.getByRole('link', { name: /Open the Mesh tab/ }),
    ).toHaveAttribute('href', '/mesh');
  });

  it('shows on components of type service only, as the Mesh tab', () => {
    const filter = createExtensionTester(readinessCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(SHOWN.map(filter)).toEqual(SHOWN.map(() => true));
    expect(NOT_SHOWN.map(filter)).toEqual(NOT_SHOWN.map(() => false));
  });
});
