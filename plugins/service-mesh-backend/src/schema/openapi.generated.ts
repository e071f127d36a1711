// *****************************************************************
// * GENERATED FILE, DO NOT EDIT.                                  *
// * The OpenAPI spec as a typed const, for the router.            *
// * Source: plugins/service-mesh-backend/openapi.yaml             *
// * Regenerate with `npm run openapi:generate`.                   *
// *****************************************************************
/* eslint-disable */

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'Meshwise service-mesh API',
    version: '0.1.0',
    description:
      "The HTTP API of `@meshwise/backstage-plugin-service-mesh-backend`, served\nunder the plugin's base URL, `/api/service-mesh`; the paths below are\nrelative to it. Every route except `/health` needs a Backstage identity\n(`Authorization: Bearer <token>`) and answers 401 without one.\n\nThis file is the contract. The backend validates every request against\nit (parameters, headers and bodies; unknown query parameters and body\nfields are refused), and the TypeScript types of the common package and\nthe frontend client are generated from it (`npm run openapi:generate`).\nInvalid input gets 400 with the field named in `error.message`, for\nexample `Invalid query: offset: must be <= 1000000000`; no field holds a\nNUL character. Entity reads, the scorecard and its history follow the\ncatalog's read permission. An unexpected error answers 500 with only a\n`logId` to find it in the server log (no SQL, no stack trace).\n",
  },
  servers: [
    {
      url: '/',
      description: "The plugin's base URL (`/api/service-mesh` on the backend)",
    },
  ],
  security: [
    {
      backstageToken: [],
    },
  ],
  paths: {
    '/health': {
      get: {
        summary: 'Liveness and version (no credentials needed)',
        security: [],
        responses: {
          '200': {
            description: 'The backend is up',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ServiceMeshHealth',
                },
              },
            },
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/assessment': {
      get: {
        summary: 'The stored assessment of one entity',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The last good assessment (never waits on a cluster)',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityAssessmentResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            description:
              'The entity is not in the catalog (or not visible to the caller), is out of the assessed scope, or has not been assessed yet; the message says which.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/migration-plan': {
      get: {
        summary:
          'The ordered steps and manifests to move the entity to a target',
        description:
          "Generated from the entity's workloads in the last cluster state read: fixes for its findings, enrolment, hardening, and for App Mesh services the translation of their routing, the clean-up and what must be done by hand. `yaml` holds every manifest as one multi-document YAML.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'target',
            in: 'query',
            required: true,
            schema: {
              $ref: '#/components/schemas/MigrationTarget',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The plan',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationPlan',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            description: 'Unknown entity, or no workload found',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/refresh': {
      post: {
        summary: 'Re-assess one entity now',
        description:
          "Needs the `service-mesh.assessment.refresh` permission. The entity's clusters are read again when their data is older than one minute.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The new assessment (also stored)',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityAssessmentResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description:
              'Unknown entity, out of scope, or none of its clusters could be read',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/scorecard': {
      get: {
        summary:
          'Every assessed entity, filtered, sorted and paged, with totals per stage',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            description:
              'Owner entity refs, e.g. `group:default/team-a` (repeat or comma-separate)',
            style: 'form',
            explode: false,
            allowReserved: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/GroupRef',
              },
            },
          },
          {
            name: 'system',
            in: 'query',
            description: 'System entity refs (repeat or comma-separate)',
            style: 'form',
            explode: false,
            allowReserved: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/GroupRef',
              },
            },
          },
          {
            name: 'stage',
            in: 'query',
            description: 'Adoption stages (repeat or comma-separate)',
            style: 'form',
            explode: false,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/AdoptionStage',
              },
            },
          },
          {
            name: 'mesh',
            in: 'query',
            description:
              'Mesh ids, or `none` for services on no mesh (repeat or comma-separate)',
            style: 'form',
            explode: false,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/DetectedMesh',
              },
            },
          },
          {
            name: 'q',
            in: 'query',
            description:
              'Case-insensitive text search over name, title, owner and system',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'sort',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ScorecardSortField',
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of rows',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/scorecard/history': {
      get: {
        summary:
          'Counts per stage per day (daily roll-up), of the entities the caller may see',
        description:
          'Filter by `owner` or by `system`, not both; `from` must not be after `to`.',
        parameters: [
          {
            name: 'from',
            in: 'query',
            description:
              'YYYY-MM-DD, inclusive; defaults to 90 days before `to`',
            schema: {
              type: 'string',
              format: 'date',
            },
          },
          {
            name: 'to',
            in: 'query',
            description: 'YYYY-MM-DD, inclusive; defaults to today (UTC)',
            schema: {
              type: 'string',
              format: 'date',
            },
          },
          {
            name: 'groupBy',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/HistoryGroupBy',
            },
          },
          {
            name: 'owner',
            in: 'query',
            description: "One owner's counts (an entity ref)",
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/GroupRef',
            },
          },
          {
            name: 'system',
            in: 'query',
            description: "One system's counts (an entity ref)",
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/GroupRef',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Points per day (and per group when grouped)',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/StageHistoryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/scans': {
      get: {
        summary: 'Recent scan runs, newest first',
        parameters: [
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'Scan runs',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScanRunList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/clusters': {
      get: {
        summary: 'Health of every cluster source',
        responses: {
          '200': {
            description: 'Clusters',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ClusterHealthList',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/meshes': {
      get: {
        summary: 'The mesh knowledge base, after app-config overrides',
        responses: {
          '200': {
            description: 'Capabilities and entries with sourced cells',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MeshKnowledgeBase',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/recommendations': {
      post: {
        summary: 'Rank the meshes for stated requirements',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/MeshRequirements',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'Ranked entries with scores and reasons; discontinued ones excluded with successors',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MeshRecommendation',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/tasks': {
      get: {
        summary: 'Migration tasks, newest first (entities the caller may see)',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/EntityRef',
            },
          },
          {
            name: 'assignee',
            in: 'query',
            description: 'Group or user entity refs (repeat or comma-separate)',
            style: 'form',
            explode: false,
            allowReserved: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/GroupRef',
              },
            },
          },
          {
            name: 'status',
            in: 'query',
            description: 'Task statuses (repeat or comma-separate)',
            style: 'form',
            explode: false,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/MigrationTaskStatus',
              },
            },
          },
          {
            name: 'target',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/TaskTarget',
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of tasks',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTaskList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
      post: {
        summary:
          'File a migration task (permission service-mesh.task.create on the entity)',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            description:
              'A repeated request with the same key and body (from the same caller) returns the first task; the same key with another body answers 422',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateMigrationTaskRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'Nothing filed: the first task of a replayed request (same Idempotency-Key), or the active task the service already has for the target',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTask',
                },
              },
            },
          },
          '201': {
            description: 'Created',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTask',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description: 'Unknown entity',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '409': {
            description:
              'A concurrent change conflicted with the filing; try again',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '422': {
            description:
              'The Idempotency-Key was already used for a different request body; nothing was filed',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/tasks/bulk': {
      post: {
        summary:
          'File tasks for every service of an owner or system in the given stages, in one transaction',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkCreateMigrationTasksRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Nothing to create; every match was skipped',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BulkCreateMigrationTasksResponse',
                },
              },
            },
          },
          '201': {
            description: 'Tasks created (and those skipped, with why)',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BulkCreateMigrationTasksResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/tasks/{id}': {
      get: {
        summary: 'One task with its comments',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        responses: {
          '200': {
            description: 'The task',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTask',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/TaskNotFound',
          },
        },
      },
      patch: {
        summary:
          'Change status or fields (permission service-mesh.task.update); send the version you read',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/UpdateMigrationTaskRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The updated task',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTask',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/TaskNotFound',
          },
          '409': {
            description:
              'The task changed since that version; nothing was written',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/tasks/{id}/comments': {
      post: {
        summary: 'Comment on a task (permission service-mesh.task.update)',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CommentOnTaskRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The task with its comments',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationTask',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/TaskNotFound',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      backstageToken: {
        type: 'http',
        scheme: 'bearer',
      },
    },
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        example: 'component',
        schema: {
          $ref: '#/components/schemas/EntityRefPart',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        example: 'default',
        schema: {
          $ref: '#/components/schemas/EntityRefPart',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        example: 'cart-api',
        schema: {
          $ref: '#/components/schemas/EntityRefPart',
        },
      },
      taskId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          pattern: '^[^\\u0000-\\u001f\\u007f]+$',
          'x-pattern-message': 'must not contain control characters',
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        description:
          "Rows to skip (bounded so it fits every database's OFFSET)",
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 1000000000,
          default: 0,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
    },
    responses: {
      Unauthorized: {
        description: 'No Backstage identity',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      BadRequest: {
        description: 'Invalid input; the message names the field',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Forbidden: {
        description: 'The permission policy denies it',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      TaskNotFound: {
        description:
          'No such task, or one on an entity the caller may not see (the same answer; the entity is not named)',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        description: "Backstage's error body",
        required: ['error'],
        properties: {
          error: {
            description:
              "The error's name and message; other fields of the serialized error (a cause, a stack trace outside production) are free-form",
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            additionalProperties: true,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      EntityRefPart: {
        description: 'One part of an entity ref (kind, namespace or name)',
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: '^[^:/\\u0000-\\u001f\\u007f]+$',
        'x-pattern-message': 'must not contain ":", "/" or control characters',
      },
      EntityRef: {
        description:
          'An entity ref like `component:default/cart` (the namespace may be left out)',
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern:
          '^[^:/\\u0000-\\u001f\\u007f]+:(?:[^:/\\u0000-\\u001f\\u007f]+/)?[^:/\\u0000-\\u001f\\u007f]+$',
        'x-pattern-message':
          'must be an entity ref like component:default/cart',
        example: 'component:default/cart-api',
      },
      GroupRef: {
        description:
          'A group, user or system entity ref, e.g. `group:default/team-a`',
        type: 'string',
        minLength: 1,
        maxLength: 255,
      },
      IsoDay: {
        description: 'A day of the calendar, YYYY-MM-DD',
        type: 'string',
        format: 'date',
      },
      PartialDate: {
        description:
          'A date as precise as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD)',
        type: 'string',
        pattern: '^\\d{4}(?:-\\d{2}(?:-\\d{2})?)?$',
      },
      MeshId: {
        description: 'A service mesh (or mesh mode) that a workload can run on',
        type: 'string',
        enum: [
          'istio-sidecar',
          'istio-ambient',
          'linkerd',
          'consul',
          'kuma',
          'cilium',
          'aws-app-mesh',
          'osm',
        ],
      },
      DetectedMesh: {
        description:
          'What the detector can say about a workload, a mesh or `none`',
        type: 'string',
        enum: [
          'istio-sidecar',
          'istio-ambient',
          'linkerd',
          'consul',
          'kuma',
          'cilium',
          'aws-app-mesh',
          'osm',
          'none',
        ],
      },
      ReadinessTargetMesh: {
        description:
          'Meshes a workload can be assessed for (every mesh but the discontinued ones)',
        type: 'string',
        enum: [
          'istio-sidecar',
          'istio-ambient',
          'linkerd',
          'consul',
          'kuma',
          'cilium',
        ],
      },
      MigrationTarget: {
        description:
          'Where a plan can move a service: a readiness target mesh, or Amazon VPC Lattice through the AWS Gateway API controller (`gateway-api`)',
        type: 'string',
        enum: [
          'istio-sidecar',
          'istio-ambient',
          'linkerd',
          'consul',
          'kuma',
          'cilium',
          'gateway-api',
        ],
      },
      TaskTarget: {
        description:
          'What a migration task can move a service to: every plan target, then the AWS successors of App Mesh, which are exits with no generated plan',
        type: 'string',
        enum: [
          'istio-sidecar',
          'istio-ambient',
          'linkerd',
          'consul',
          'kuma',
          'cilium',
          'gateway-api',
          'ecs-service-connect',
          'vpc-lattice',
        ],
      },
      AdoptionStage: {
        type: 'string',
        enum: [
          'not-applicable',
          'not-assessed',
          'blocked',
          'ready',
          'onboarding',
          'meshed',
          'secured',
          'must-migrate',
        ],
      },
      StageCounts: {
        description:
          'A count per adoption stage; stages with no entity are left out',
        type: 'object',
        additionalProperties: false,
        properties: {
          'not-applicable': {
            type: 'integer',
          },
          'not-assessed': {
            type: 'integer',
          },
          blocked: {
            type: 'integer',
          },
          ready: {
            type: 'integer',
          },
          onboarding: {
            type: 'integer',
          },
          meshed: {
            type: 'integer',
          },
          secured: {
            type: 'integer',
          },
          'must-migrate': {
            type: 'integer',
          },
        },
      },
      MigrationTaskStatus: {
        type: 'string',
        enum: ['open', 'in-progress', 'blocked', 'done', 'wont-do'],
      },
      ScorecardSortField: {
        type: 'string',
        enum: [
          'name',
          'owner',
          'system',
          'stage',
          'mesh',
          'score',
          'blockingCount',
          'assessedAt',
        ],
      },
      HistoryGroupBy: {
        type: 'string',
        enum: ['owner', 'system'],
      },
      CheckSeverity: {
        description:
          '`error` blocks onboarding or breaks traffic; `warning` is a likely problem; `info` is advisory',
        type: 'string',
        enum: ['error', 'warning', 'info'],
      },
      CheckStatus: {
        type: 'string',
        enum: ['fail', 'pass', 'not-evaluated'],
      },
      CheckCategory: {
        description:
          '`readiness` checks say what stands between a workload and a mesh and feed the scores; `adoption` checks track progress once a mesh is chosen',
        type: 'string',
        enum: ['readiness', 'adoption'],
      },
      CapabilityId: {
        description: 'A row of the comparison matrix',
        type: 'string',
        enum: [
          'platform-kubernetes',
          'platform-vms',
          'platform-ecs',
          'platform-ec2',
          'platform-multi-cluster',
          'platform-multi-cloud',
          'load-balancing',
          'retries',
          'timeouts',
          'circuit-breaking',
          'fault-injection',
          'mirroring',
          'rate-limiting',
          'weighted-routing',
          'blue-green',
          'gateway-api',
          'automatic-mtls',
          'certificate-rotation',
          'authorization-policy',
          'jwt-authentication',
          'cloud-iam',
          'metrics',
          'tracing',
          'access-logs',
          'dashboards',
          'service-map',
          'control-plane-self-hosted',
          'control-plane-managed',
          'open-source-license',
        ],
      },
      CapabilityArea: {
        type: 'string',
        enum: [
          'platform',
          'traffic',
          'security',
          'observability',
          'operations',
        ],
      },
      SupportValue: {
        description:
          'How well an entry covers a capability; `unknown` means not verified',
        type: 'string',
        enum: ['supported', 'partial', 'not-supported', 'unknown'],
      },
      MeshPlatform: {
        type: 'string',
        enum: [
          'kubernetes',
          'vms',
          'ecs',
          'ec2',
          'multi-cluster',
          'multi-cloud',
        ],
      },
      RequirementCriterion: {
        type: 'string',
        enum: [
          'platforms',
          'mustHave',
          'niceToHave',
          'controlPlane',
          'overhead',
          'openSource',
          'experience',
          'featureCoverage',
        ],
      },
      MeshEntryId: {
        description:
          'A knowledge-base entry: a mesh id, a migration target id, or an entry added from app-config (lower-case words joined by `-`)',
        type: 'string',
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
        'x-pattern-message':
          'must be a knowledge-base entry id (lower-case words joined by "-")',
      },
      MeshEntryKind: {
        type: 'string',
        enum: ['mesh', 'migration-target'],
      },
      LifecycleStatus: {
        type: 'string',
        enum: ['active', 'deprecated', 'discontinued', 'archived'],
      },
      CncfStatus: {
        type: 'string',
        enum: [
          'graduated',
          'incubating',
          'sandbox',
          'archived',
          'not-cncf',
          'unknown',
        ],
      },
      DataPlaneModel: {
        type: 'string',
        enum: ['sidecar', 'native-sidecar', 'per-node', 'ambient', 'unknown'],
      },
      CostModel: {
        type: 'string',
        enum: [
          'open-source',
          'open-source-with-commercial-distributions',
          'source-available-with-commercial-edition',
          'cloud-service',
          'unknown',
        ],
      },
      OverheadMetric: {
        type: 'string',
        enum: [
          'proxy-cpu',
          'proxy-memory',
          'control-plane-cpu',
          'control-plane-memory',
          'mesh-cpu',
          'added-latency',
          'added-latency-p50',
          'added-latency-p90',
          'added-latency-p99',
          'added-latency-max',
          'latency-p50',
          'latency-p99',
          'throughput',
          'throughput-per-core',
        ],
      },
      OverheadUnit: {
        type: 'string',
        enum: ['vCPU', 'MB', 'GB', 'ms', 'cpu-ms', 'cpu-s', 'percent'],
      },
      RecommendationStanding: {
        description:
          'Ranking tiers, best first: `qualified` (every platform and must-have supported), `not-verified` (none fails, one is unknown), `fails-must-have`, `outside-scope` (a migration target that serves none of the platforms)',
        type: 'string',
        enum: ['qualified', 'not-verified', 'fails-must-have', 'outside-scope'],
      },
      DataPlaneMode: {
        type: 'string',
        enum: ['sidecar', 'native-sidecar', 'ambient', 'node-proxy', 'none'],
      },
      MeshState: {
        description:
          '`meshed`: a proxy (or ambient redirection) is visible; `enrolled`: configuration asks for the mesh but no injected pod is visible; `opted-out`: explicitly kept out; `none`: no sign of any mesh',
        type: 'string',
        enum: ['meshed', 'enrolled', 'opted-out', 'none'],
      },
      MtlsMode: {
        type: 'string',
        enum: ['strict', 'permissive', 'off', 'unknown'],
      },
      DetectionConflictKind: {
        type: 'string',
        enum: [
          'multiple-meshes',
          'sidecar-and-ambient',
          'intent-mismatch',
          'waypoint-without-ambient',
        ],
      },
      MigrationStepKind: {
        type: 'string',
        enum: [
          'prepare',
          'fix',
          'enroll',
          'translate',
          'cleanup',
          'harden',
          'verify',
        ],
      },
      ServiceMeshHealth: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'version', 'database', 'schemaVersion'],
        properties: {
          status: {
            type: 'string',
            enum: ['ok'],
          },
          version: {
            description: "The backend plugin's package version",
            type: 'string',
          },
          database: {
            description: 'The database engine the store runs on',
            type: 'string',
            enum: ['sqlite', 'postgres', 'other'],
          },
          schemaVersion: {
            description: "The newest migration applied to the plugin's tables",
            type: ['string', 'null'],
          },
        },
      },
      ScanClusterStatus: {
        description: 'Per-cluster outcome of one scan',
        type: 'object',
        additionalProperties: false,
        required: ['cluster', 'status'],
        properties: {
          cluster: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['ok', 'stale', 'failed'],
          },
          objectCount: {
            type: 'integer',
          },
          error: {
            type: 'string',
          },
        },
      },
      ScanRun: {
        description: 'One run of the scanner',
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'trigger',
          'status',
          'startedAt',
          'finishedAt',
          'entityCount',
          'assessedCount',
          'skippedCount',
          'shard',
          'clusters',
          'error',
        ],
        properties: {
          id: {
            type: 'string',
          },
          trigger: {
            type: 'string',
            enum: ['schedule', 'refresh'],
          },
          status: {
            type: 'string',
            enum: ['running', 'succeeded', 'partial', 'failed'],
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          entityCount: {
            type: ['integer', 'null'],
          },
          assessedCount: {
            description: 'Entities assessed and stored by this run',
            type: ['integer', 'null'],
          },
          skippedCount: {
            description:
              'Entities whose inputs (the cluster objects that can affect them, their catalog configuration, the scanner configuration and the engine version) were unchanged since their stored assessment, so not assessed again; null for runs of versions before this count',
            type: ['integer', 'null'],
          },
          shard: {
            description:
              'With serviceMesh.scan.shards, the part of the scan the run did: `2/4` read the clusters of the second of four shards and stored their parts (its entity counts are null), `merge 2/4` merged the second quarter of the entities from the stored parts; null for a run over every cluster and entity',
            type: ['string', 'null'],
          },
          clusters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScanClusterStatus',
            },
          },
          error: {
            type: ['string', 'null'],
          },
        },
      },
      ScanRunList: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScanRun',
            },
          },
        },
      },
      ClusterHealth: {
        description: 'Per-cluster health, for operators',
        type: 'object',
        additionalProperties: false,
        required: [
          'cluster',
          'type',
          'status',
          'lastReadAt',
          'lastAttemptAt',
          'objectCount',
          'warnings',
        ],
        properties: {
          cluster: {
            type: 'string',
          },
          type: {
            type: 'string',
            enum: ['kubernetes', 'manifests'],
          },
          status: {
            type: 'string',
            enum: ['ok', 'stale', 'failed', 'never-read'],
          },
          lastReadAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          lastAttemptAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          objectCount: {
            type: ['integer', 'null'],
          },
          error: {
            type: 'string',
          },
          warnings: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ClusterHealthList: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ClusterHealth',
            },
          },
        },
      },
      MeshCapability: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'area', 'title', 'description'],
        properties: {
          id: {
            $ref: '#/components/schemas/CapabilityId',
          },
          area: {
            $ref: '#/components/schemas/CapabilityArea',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
        },
      },
      KnowledgeSource: {
        description: 'A public page or file a fact was read from',
        type: 'object',
        additionalProperties: false,
        required: ['title', 'url'],
        properties: {
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      PlainKnowledgeCell: {
        description:
          'A cell as written (built-in data or app-config), without override mark',
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            $ref: '#/components/schemas/SupportValue',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      KnowledgeCell: {
        description: 'One cell of the comparison matrix (entry × capability)',
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            $ref: '#/components/schemas/SupportValue',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
          overridden: {
            $ref: '#/components/schemas/KnowledgeOverrideMark',
          },
        },
      },
      KnowledgeOverrideMark: {
        description:
          'Set on a cell that app-config changed, so the UI can flag it',
        type: 'object',
        additionalProperties: false,
        required: ['by'],
        properties: {
          by: {
            type: 'string',
            enum: ['app-config'],
          },
          previous: {
            $ref: '#/components/schemas/PlainKnowledgeCell',
          },
        },
      },
      CapabilityCells: {
        description:
          'One cell per capability of the catalogue; none may be missing',
        type: 'object',
        additionalProperties: false,
        required: [
          'platform-kubernetes',
          'platform-vms',
          'platform-ecs',
          'platform-ec2',
          'platform-multi-cluster',
          'platform-multi-cloud',
          'load-balancing',
          'retries',
          'timeouts',
          'circuit-breaking',
          'fault-injection',
          'mirroring',
          'rate-limiting',
          'weighted-routing',
          'blue-green',
          'gateway-api',
          'automatic-mtls',
          'certificate-rotation',
          'authorization-policy',
          'jwt-authentication',
          'cloud-iam',
          'metrics',
          'tracing',
          'access-logs',
          'dashboards',
          'service-map',
          'control-plane-self-hosted',
          'control-plane-managed',
          'open-source-license',
        ],
        properties: {
          'platform-kubernetes': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'platform-vms': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'platform-ecs': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'platform-ec2': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'platform-multi-cluster': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'platform-multi-cloud': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'load-balancing': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          retries: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          timeouts: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'circuit-breaking': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'fault-injection': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          mirroring: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'rate-limiting': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'weighted-routing': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'blue-green': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'gateway-api': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'automatic-mtls': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'certificate-rotation': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'authorization-policy': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'jwt-authentication': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'cloud-iam': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          metrics: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          tracing: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'access-logs': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          dashboards: {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'service-map': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'control-plane-self-hosted': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'control-plane-managed': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
          'open-source-license': {
            $ref: '#/components/schemas/KnowledgeCell',
          },
        },
      },
      LicenseFact: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            type: 'string',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      CncfStatusFact: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            $ref: '#/components/schemas/CncfStatus',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      DataPlaneModelFact: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            $ref: '#/components/schemas/DataPlaneModel',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      CostModelFact: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'note', 'source', 'checkedOn'],
        properties: {
          value: {
            $ref: '#/components/schemas/CostModel',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      ReleaseFact: {
        description:
          "A release seen in the source; `releasedOn` is the release's own date",
        type: 'object',
        additionalProperties: false,
        required: ['version', 'releasedOn'],
        properties: {
          version: {
            type: 'string',
          },
          releasedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      MeshLifecycle: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'note', 'source', 'checkedOn', 'successors'],
        properties: {
          status: {
            $ref: '#/components/schemas/LifecycleStatus',
          },
          latestRelease: {
            $ref: '#/components/schemas/ReleaseFact',
          },
          since: {
            $ref: '#/components/schemas/PartialDate',
          },
          announcedOn: {
            $ref: '#/components/schemas/PartialDate',
          },
          note: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          additionalSources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/KnowledgeSource',
            },
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
          successors: {
            description: 'Where users of this entry are told to go',
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshEntryId',
            },
          },
        },
      },
      OverheadMeasurement: {
        description:
          'One published figure, as the source reports it. Figures are only comparable within one source and load.',
        type: 'object',
        additionalProperties: false,
        required: [
          'metric',
          'value',
          'unit',
          'component',
          'load',
          'harness',
          'source',
          'checkedOn',
          'verified',
        ],
        properties: {
          metric: {
            $ref: '#/components/schemas/OverheadMetric',
          },
          value: {
            type: 'number',
          },
          unit: {
            $ref: '#/components/schemas/OverheadUnit',
          },
          component: {
            type: 'string',
          },
          load: {
            type: 'string',
          },
          relativeTo: {
            $ref: '#/components/schemas/MeshEntryId',
          },
          harness: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/KnowledgeSource',
          },
          publishedOn: {
            $ref: '#/components/schemas/PartialDate',
          },
          checkedOn: {
            $ref: '#/components/schemas/IsoDay',
          },
          vendorAffiliated: {
            type: 'boolean',
          },
          verified: {
            type: 'boolean',
          },
          note: {
            type: 'string',
          },
        },
      },
      MeshEntry: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'name',
          'kind',
          'origin',
          'license',
          'cncfStatus',
          'dataPlaneModel',
          'costModel',
          'lifecycle',
          'capabilities',
          'overhead',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/MeshEntryId',
          },
          name: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/MeshEntryKind',
          },
          origin: {
            description:
              '`app-config` when the whole entry was added or replaced from config',
            type: 'string',
            enum: ['built-in', 'app-config'],
          },
          license: {
            $ref: '#/components/schemas/LicenseFact',
          },
          cncfStatus: {
            $ref: '#/components/schemas/CncfStatusFact',
          },
          dataPlaneModel: {
            $ref: '#/components/schemas/DataPlaneModelFact',
          },
          costModel: {
            $ref: '#/components/schemas/CostModelFact',
          },
          lifecycle: {
            $ref: '#/components/schemas/MeshLifecycle',
          },
          capabilities: {
            $ref: '#/components/schemas/CapabilityCells',
          },
          overhead: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OverheadMeasurement',
            },
          },
        },
      },
      MeshKnowledgeBase: {
        type: 'object',
        additionalProperties: false,
        required: ['capabilities', 'entries'],
        properties: {
          capabilities: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshCapability',
            },
          },
          entries: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshEntry',
            },
          },
        },
      },
      CriterionWeight: {
        type: 'number',
        minimum: 0,
        maximum: 10,
      },
      RequirementWeights: {
        description:
          'Per-criterion weights (0–10); omitted ones use the defaults',
        type: 'object',
        additionalProperties: false,
        properties: {
          platforms: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          mustHave: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          niceToHave: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          controlPlane: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          overhead: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          openSource: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          experience: {
            $ref: '#/components/schemas/CriterionWeight',
          },
          featureCoverage: {
            $ref: '#/components/schemas/CriterionWeight',
          },
        },
      },
      ControlPlanePreference: {
        type: 'string',
        enum: ['managed', 'self-hosted', 'any'],
      },
      MeshRequirements: {
        description:
          'What a team asks the recommender; every field has a default, so `{}` is valid',
        type: 'object',
        additionalProperties: false,
        properties: {
          platforms: {
            description: 'Platforms in use, each a hard requirement',
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshPlatform',
            },
          },
          mustHave: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          niceToHave: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          preferences: {
            type: 'object',
            additionalProperties: false,
            properties: {
              controlPlane: {
                $ref: '#/components/schemas/ControlPlanePreference',
              },
              lowOverhead: {
                type: 'boolean',
              },
              openSourceLicense: {
                type: 'boolean',
              },
              experience: {
                description: 'Knowledge-base entry ids the team already runs',
                type: 'array',
                items: {
                  $ref: '#/components/schemas/MeshEntryId',
                },
              },
            },
          },
          weights: {
            $ref: '#/components/schemas/RequirementWeights',
          },
        },
      },
      ResolvedMeshRequirements: {
        description:
          'The request with defaults applied and lists de-duplicated and sorted',
        type: 'object',
        additionalProperties: false,
        required: [
          'platforms',
          'mustHave',
          'niceToHave',
          'preferences',
          'weights',
        ],
        properties: {
          platforms: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshPlatform',
            },
          },
          mustHave: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          niceToHave: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          preferences: {
            type: 'object',
            additionalProperties: false,
            required: [
              'controlPlane',
              'lowOverhead',
              'openSourceLicense',
              'experience',
            ],
            properties: {
              controlPlane: {
                $ref: '#/components/schemas/ControlPlanePreference',
              },
              lowOverhead: {
                type: 'boolean',
              },
              openSourceLicense: {
                type: 'boolean',
              },
              experience: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/MeshEntryId',
                },
              },
            },
          },
          weights: {
            $ref: '#/components/schemas/RequirementWeights',
          },
        },
      },
      CriterionWeights: {
        description: 'The weight used for every criterion',
        type: 'object',
        additionalProperties: false,
        required: [
          'platforms',
          'mustHave',
          'niceToHave',
          'controlPlane',
          'overhead',
          'openSource',
          'experience',
          'featureCoverage',
        ],
        properties: {
          platforms: {
            type: 'number',
          },
          mustHave: {
            type: 'number',
          },
          niceToHave: {
            type: 'number',
          },
          controlPlane: {
            type: 'number',
          },
          overhead: {
            type: 'number',
          },
          openSource: {
            type: 'number',
          },
          experience: {
            type: 'number',
          },
          featureCoverage: {
            type: 'number',
          },
        },
      },
      CriterionScore: {
        description:
          '0–1; null when the request does not ask about the criterion',
        type: ['number', 'null'],
        minimum: 0,
        maximum: 1,
      },
      CriterionScores: {
        type: 'object',
        additionalProperties: false,
        required: [
          'platforms',
          'mustHave',
          'niceToHave',
          'controlPlane',
          'overhead',
          'openSource',
          'experience',
          'featureCoverage',
        ],
        properties: {
          platforms: {
            $ref: '#/components/schemas/CriterionScore',
          },
          mustHave: {
            $ref: '#/components/schemas/CriterionScore',
          },
          niceToHave: {
            $ref: '#/components/schemas/CriterionScore',
          },
          controlPlane: {
            $ref: '#/components/schemas/CriterionScore',
          },
          overhead: {
            $ref: '#/components/schemas/CriterionScore',
          },
          openSource: {
            $ref: '#/components/schemas/CriterionScore',
          },
          experience: {
            $ref: '#/components/schemas/CriterionScore',
          },
          featureCoverage: {
            $ref: '#/components/schemas/CriterionScore',
          },
        },
      },
      RecommendationReasonRef: {
        description: 'Where in the knowledge base a reason came from',
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['entryId', 'capabilityId'],
            properties: {
              entryId: {
                $ref: '#/components/schemas/MeshEntryId',
              },
              capabilityId: {
                $ref: '#/components/schemas/CapabilityId',
              },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['entryId', 'field'],
            properties: {
              entryId: {
                $ref: '#/components/schemas/MeshEntryId',
              },
              field: {
                type: 'string',
                enum: ['lifecycle', 'dataPlaneModel'],
              },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['entryId', 'field', 'measurementIndex'],
            properties: {
              entryId: {
                $ref: '#/components/schemas/MeshEntryId',
              },
              field: {
                type: 'string',
                enum: ['overhead'],
              },
              measurementIndex: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
        ],
      },
      RecommendationReason: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'kind'],
        properties: {
          text: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: ['positive', 'negative', 'neutral'],
          },
          criterion: {
            $ref: '#/components/schemas/RequirementCriterion',
          },
          ref: {
            $ref: '#/components/schemas/RecommendationReasonRef',
          },
        },
      },
      RankedEntry: {
        type: 'object',
        additionalProperties: false,
        required: [
          'rank',
          'id',
          'name',
          'kind',
          'standing',
          'total',
          'scores',
          'failedMustHaves',
          'unverifiedMustHaves',
          'reasons',
        ],
        properties: {
          rank: {
            description: '1-based position in `ranked`',
            type: 'integer',
            minimum: 1,
          },
          id: {
            $ref: '#/components/schemas/MeshEntryId',
          },
          name: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/MeshEntryKind',
          },
          standing: {
            $ref: '#/components/schemas/RecommendationStanding',
          },
          total: {
            description:
              'Weighted mean of the applicable criterion scores, 0–100, one decimal',
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          scores: {
            $ref: '#/components/schemas/CriterionScores',
          },
          failedMustHaves: {
            description:
              'Platforms in use and must-haves the entry does not support',
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          unverifiedMustHaves: {
            description:
              'Platforms in use and must-haves whose cell is `unknown`',
            type: 'array',
            items: {
              $ref: '#/components/schemas/CapabilityId',
            },
          },
          reasons: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RecommendationReason',
            },
          },
        },
      },
      ExcludedEntry: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'kind', 'status', 'successors', 'reasons'],
        properties: {
          id: {
            $ref: '#/components/schemas/MeshEntryId',
          },
          name: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/MeshEntryKind',
          },
          status: {
            type: 'string',
            enum: ['discontinued', 'archived'],
          },
          since: {
            $ref: '#/components/schemas/PartialDate',
          },
          successors: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name'],
              properties: {
                id: {
                  $ref: '#/components/schemas/MeshEntryId',
                },
                name: {
                  type: 'string',
                },
                rank: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
          },
          reasons: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RecommendationReason',
            },
          },
        },
      },
      MeshRecommendation: {
        type: 'object',
        additionalProperties: false,
        required: ['requirements', 'weights', 'ranked', 'excluded'],
        properties: {
          requirements: {
            $ref: '#/components/schemas/ResolvedMeshRequirements',
          },
          weights: {
            $ref: '#/components/schemas/CriterionWeights',
          },
          ranked: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RankedEntry',
            },
          },
          excluded: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ExcludedEntry',
            },
          },
        },
      },
      KubeObjectRef: {
        description:
          'A pointer to a Kubernetes object (no namespace when cluster-scoped)',
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: {
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
        },
      },
      DetectionEvidence: {
        description:
          '`intent` is configuration asking for a mesh, `fact` is a mesh actually present',
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'source'],
        properties: {
          kind: {
            type: 'string',
            enum: ['intent', 'fact'],
          },
          mesh: {
            $ref: '#/components/schemas/MeshId',
          },
          source: {
            type: 'string',
          },
        },
      },
      InjectionCoverage: {
        type: 'object',
        additionalProperties: false,
        required: ['meshedPods', 'totalPods'],
        properties: {
          meshedPods: {
            type: 'integer',
            minimum: 0,
          },
          totalPods: {
            type: 'integer',
            minimum: 0,
          },
        },
      },
      MtlsStatus: {
        type: 'object',
        additionalProperties: false,
        required: ['mode', 'source'],
        properties: {
          mode: {
            $ref: '#/components/schemas/MtlsMode',
          },
          source: {
            description: 'Where the mode comes from',
            type: 'string',
          },
          unreadableKinds: {
            description:
              'Set when the mode could not be evaluated because these kinds could not be listed',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ProxyFreshness: {
        type: 'object',
        additionalProperties: false,
        required: ['stale', 'source'],
        properties: {
          proxyVersion: {
            type: 'string',
          },
          controlPlaneVersion: {
            type: 'string',
          },
          stale: {
            anyOf: [
              {
                type: 'boolean',
              },
              {
                type: 'string',
                enum: ['unknown'],
              },
            ],
          },
          source: {
            description: 'What was compared, or why it could not be',
            type: 'string',
          },
        },
      },
      DetectionConflict: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'message'],
        properties: {
          kind: {
            $ref: '#/components/schemas/DetectionConflictKind',
          },
          message: {
            type: 'string',
          },
        },
      },
      MeshDetection: {
        description: 'What the detector says about one workload',
        type: 'object',
        additionalProperties: false,
        required: [
          'mesh',
          'state',
          'dataPlaneMode',
          'meshable',
          'evidence',
          'mtls',
          'conflicts',
          'otherMeshes',
        ],
        properties: {
          mesh: {
            $ref: '#/components/schemas/DetectedMesh',
          },
          state: {
            $ref: '#/components/schemas/MeshState',
          },
          dataPlaneMode: {
            $ref: '#/components/schemas/DataPlaneMode',
          },
          meshable: {
            description:
              'False for hostNetwork pods, which no mesh injects or captures',
            type: 'boolean',
          },
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DetectionEvidence',
            },
          },
          coverage: {
            $ref: '#/components/schemas/InjectionCoverage',
          },
          mtls: {
            $ref: '#/components/schemas/MtlsStatus',
          },
          proxy: {
            $ref: '#/components/schemas/ProxyFreshness',
          },
          conflicts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DetectionConflict',
            },
          },
          otherMeshes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshId',
            },
          },
        },
      },
      WorkloadAssessment: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'workload',
          'detection',
          'failedChecks',
          'notEvaluatedChecks',
          'passedChecks',
        ],
        properties: {
          id: {
            description: '`Kind/namespace/name`',
            type: 'string',
          },
          workload: {
            $ref: '#/components/schemas/KubeObjectRef',
          },
          detection: {
            $ref: '#/components/schemas/MeshDetection',
          },
          failedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          notEvaluatedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          passedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      AssessmentFinding: {
        description:
          "A check result, deduplicated across the service's workloads",
        type: 'object',
        additionalProperties: false,
        required: [
          'checkId',
          'status',
          'severity',
          'object',
          'message',
          'remediation',
          'workloads',
        ],
        properties: {
          checkId: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          severity: {
            $ref: '#/components/schemas/CheckSeverity',
          },
          object: {
            $ref: '#/components/schemas/KubeObjectRef',
          },
          field: {
            description: 'JSON path in the object, e.g. `spec.ports[0].name`',
            type: 'string',
          },
          message: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
          snippet: {
            description: 'YAML that fixes the problem, where one applies',
            type: 'string',
          },
          meshes: {
            description:
              "The meshes this result concerns, when narrower than the check's",
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshId',
            },
          },
          workloads: {
            description:
              'Ids (`Kind/namespace/name`) of the workloads whose assessment produced it',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      MeshReadinessScore: {
        type: 'object',
        additionalProperties: false,
        required: [
          'mesh',
          'score',
          'ready',
          'blocking',
          'warnings',
          'notEvaluated',
        ],
        properties: {
          mesh: {
            $ref: '#/components/schemas/ReadinessTargetMesh',
          },
          score: {
            description:
              'Severity-weighted share of evaluated readiness checks that pass',
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          ready: {
            type: 'boolean',
          },
          blocking: {
            type: 'integer',
            minimum: 0,
          },
          warnings: {
            type: 'integer',
            minimum: 0,
          },
          notEvaluated: {
            type: 'integer',
            minimum: 0,
          },
        },
      },
      ServiceAssessment: {
        description: "The engine's full result for one service",
        type: 'object',
        additionalProperties: false,
        required: [
          'engineVersion',
          'stage',
          'stageReason',
          'meshes',
          'coverage',
          'mtls',
          'staleProxies',
          'workloads',
          'findings',
          'passedChecks',
          'scores',
        ],
        properties: {
          engineVersion: {
            type: 'string',
          },
          stage: {
            $ref: '#/components/schemas/AdoptionStage',
          },
          stageReason: {
            type: 'string',
          },
          meshes: {
            description: 'Meshes any workload runs in or is enrolled in',
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshId',
            },
          },
          coverage: {
            type: 'object',
            additionalProperties: false,
            required: [
              'totalWorkloads',
              'meshableWorkloads',
              'meshedWorkloads',
              'enrolledWorkloads',
              'meshedPods',
              'totalPods',
            ],
            properties: {
              totalWorkloads: {
                type: 'integer',
                minimum: 0,
              },
              meshableWorkloads: {
                type: 'integer',
                minimum: 0,
              },
              meshedWorkloads: {
                type: 'integer',
                minimum: 0,
              },
              enrolledWorkloads: {
                type: 'integer',
                minimum: 0,
              },
              meshedPods: {
                type: 'integer',
                minimum: 0,
              },
              totalPods: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
          mtls: {
            type: 'object',
            additionalProperties: false,
            required: ['mode', 'strictWorkloads'],
            properties: {
              mode: {
                $ref: '#/components/schemas/MtlsMode',
              },
              strictWorkloads: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
          staleProxies: {
            type: 'integer',
            minimum: 0,
          },
          workloads: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/WorkloadAssessment',
            },
          },
          findings: {
            description: 'Failures and not-evaluated results',
            type: 'array',
            items: {
              $ref: '#/components/schemas/AssessmentFinding',
            },
          },
          passedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          scores: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MeshReadinessScore',
            },
          },
        },
      },
      AssessedEntity: {
        description:
          'The catalog facts of an assessed entity that the UI shows and filters on',
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'kind', 'namespace', 'name'],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          system: {
            type: 'string',
          },
          lifecycle: {
            type: 'string',
          },
        },
      },
      AssessmentClusterSource: {
        description:
          "Where an assessment's cluster data came from, and how fresh it is",
        type: 'object',
        additionalProperties: false,
        required: ['cluster', 'readAt', 'stale'],
        properties: {
          cluster: {
            type: 'string',
          },
          readAt: {
            description:
              'When the data used was read; null when the cluster was never read',
            type: ['string', 'null'],
            format: 'date-time',
          },
          stale: {
            description:
              'True when the last read failed and older data was used',
            type: 'boolean',
          },
          staleReason: {
            type: 'string',
          },
        },
      },
      EntityMeshRecommendation: {
        description: "A short form of the recommender's answer for one service",
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'rank', 'total', 'standing', 'reasons'],
        properties: {
          id: {
            $ref: '#/components/schemas/MeshEntryId',
          },
          name: {
            type: 'string',
          },
          rank: {
            type: 'integer',
            minimum: 1,
          },
          total: {
            type: 'number',
          },
          standing: {
            $ref: '#/components/schemas/RecommendationStanding',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      CheckSummary: {
        description: 'A check of the catalogue, as shown next to its results',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'why', 'category'],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          why: {
            description: 'One sentence, why it matters',
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CheckCategory',
          },
        },
      },
      TargetFindingRef: {
        description:
          'A finding of `assessment.findings` as it stands for one target mesh',
        type: 'object',
        additionalProperties: false,
        required: ['index', 'severity'],
        properties: {
          index: {
            description: 'Position in `assessment.findings`',
            type: 'integer',
            minimum: 0,
          },
          severity: {
            $ref: '#/components/schemas/CheckSeverity',
          },
        },
      },
      TargetMeshReadiness: {
        description:
          'Readiness for one target mesh, computed by the backend so the browser only renders it: the stored score and counts, plus which findings count',
        type: 'object',
        additionalProperties: false,
        required: [
          'mesh',
          'score',
          'ready',
          'blocking',
          'warnings',
          'notEvaluated',
          'findings',
          'passedChecks',
        ],
        properties: {
          mesh: {
            $ref: '#/components/schemas/ReadinessTargetMesh',
          },
          score: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          ready: {
            type: 'boolean',
          },
          blocking: {
            type: 'integer',
            minimum: 0,
          },
          warnings: {
            type: 'integer',
            minimum: 0,
          },
          notEvaluated: {
            type: 'integer',
            minimum: 0,
          },
          findings: {
            description:
              "Failing and not-evaluated readiness findings that concern the mesh, in the assessment's order",
            type: 'array',
            items: {
              $ref: '#/components/schemas/TargetFindingRef',
            },
          },
          passedChecks: {
            description:
              'Readiness checks that apply to the mesh and pass on every workload',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      EntityAssessmentResponse: {
        type: 'object',
        additionalProperties: false,
        required: [
          'entity',
          'configured',
          'stage',
          'stageReason',
          'mesh',
          'score',
          'blockingCount',
          'assessment',
          'recommendation',
          'clusters',
          'assessedAt',
        ],
        properties: {
          entity: {
            $ref: '#/components/schemas/AssessedEntity',
          },
          configured: {
            description: 'False when the entity has no Kubernetes annotation',
            type: 'boolean',
          },
          notConfiguredHint: {
            description:
              'The catalog-info.yaml snippet to add when not configured',
            type: 'string',
          },
          selector: {
            type: 'object',
            additionalProperties: false,
            required: ['labelSelector'],
            properties: {
              labelSelector: {
                type: 'string',
              },
              namespace: {
                type: 'string',
              },
              cluster: {
                type: 'string',
              },
            },
          },
          stage: {
            $ref: '#/components/schemas/AdoptionStage',
          },
          stageReason: {
            type: 'string',
          },
          targetMesh: {
            $ref: '#/components/schemas/ReadinessTargetMesh',
          },
          mesh: {
            description:
              'The mesh the service runs on (or the first of several); null when none',
            oneOf: [
              {
                $ref: '#/components/schemas/MeshId',
              },
              {
                type: 'null',
              },
            ],
          },
          score: {
            description:
              'Readiness 0..100: for the mesh it runs on, else the best target',
            type: ['integer', 'null'],
            minimum: 0,
            maximum: 100,
          },
          blockingCount: {
            type: 'integer',
            minimum: 0,
          },
          assessment: {
            description: "The engine's full result; null when not configured",
            oneOf: [
              {
                $ref: '#/components/schemas/ServiceAssessment',
              },
              {
                type: 'null',
              },
            ],
          },
          readiness: {
            description:
              'Readiness per target mesh, in the order of `assessment.scores`. Absent when there is no assessment, and on assessments stored before it was added (clients fall back to `assessment.scores`).',
            type: 'array',
            items: {
              $ref: '#/components/schemas/TargetMeshReadiness',
            },
          },
          checks: {
            description:
              'The checks that `assessment` names (findings and passed checks), by id',
            type: 'object',
            additionalProperties: {
              $ref: '#/components/schemas/CheckSummary',
            },
          },
          recommendation: {
            description: 'The top meshes for this service, with reasons',
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityMeshRecommendation',
            },
          },
          clusters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AssessmentClusterSource',
            },
          },
          assessedAt: {
            type: 'string',
            format: 'date-time',
          },
          checkedAt: {
            description:
              "When a later scan read the entity's clusters and found its inputs (workloads, configuration, clusters' freshness) unchanged, so the assessment still holds. Present only when later than `assessedAt`.",
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ScorecardRow: {
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'kind',
          'namespace',
          'name',
          'stage',
          'mesh',
          'score',
          'blockingCount',
          'assessedAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          system: {
            type: 'string',
          },
          stage: {
            $ref: '#/components/schemas/AdoptionStage',
          },
          mesh: {
            oneOf: [
              {
                $ref: '#/components/schemas/MeshId',
              },
              {
                type: 'null',
              },
            ],
          },
          score: {
            type: ['integer', 'null'],
            minimum: 0,
            maximum: 100,
          },
          blockingCount: {
            type: 'integer',
            minimum: 0,
          },
          assessedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ScorecardResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount', 'totals'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardRow',
            },
          },
          totalCount: {
            description: 'Rows matching the filter, before paging',
            type: 'integer',
            minimum: 0,
          },
          totals: {
            $ref: '#/components/schemas/StageCounts',
          },
        },
      },
      StageHistoryPoint: {
        type: 'object',
        additionalProperties: false,
        required: ['day', 'counts'],
        properties: {
          day: {
            $ref: '#/components/schemas/IsoDay',
          },
          group: {
            description: 'The owner or system ref when grouped',
            type: 'string',
          },
          counts: {
            $ref: '#/components/schemas/StageCounts',
          },
          demo: {
            description:
              'True when the day was generated by the demo-only back-fill (serviceMesh.demo.backfillHistoryDays), not rolled up by a scan; absent otherwise',
            type: 'boolean',
          },
        },
      },
      StageHistoryResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'points'],
        properties: {
          from: {
            $ref: '#/components/schemas/IsoDay',
          },
          to: {
            $ref: '#/components/schemas/IsoDay',
          },
          groupBy: {
            $ref: '#/components/schemas/HistoryGroupBy',
          },
          points: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/StageHistoryPoint',
            },
          },
        },
      },
      MigrationObject: {
        description:
          'A Kubernetes manifest produced by the plan; fields beside metadata are free-form',
        type: 'object',
        additionalProperties: true,
        required: ['apiVersion', 'kind', 'metadata'],
        properties: {
          apiVersion: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          metadata: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: {
                type: 'string',
              },
              namespace: {
                type: 'string',
              },
              labels: {
                type: 'object',
                additionalProperties: {
                  type: 'string',
                },
              },
              annotations: {
                type: 'object',
                additionalProperties: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      MigrationPatchTarget: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: {
          apiVersion: {
            description:
              'Set for custom resources, where `kind` alone is ambiguous',
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            description: 'Absent for cluster-scoped kinds',
            type: 'string',
          },
          name: {
            type: 'string',
          },
        },
      },
      MigrationPatch: {
        type: 'object',
        additionalProperties: false,
        required: ['target', 'type', 'body'],
        properties: {
          target: {
            $ref: '#/components/schemas/MigrationPatchTarget',
          },
          type: {
            description:
              '`strategic-merge` for built-in kinds; `json-merge` (RFC 7386) where a `null` deletes a key',
            type: 'string',
            enum: ['strategic-merge', 'json-merge'],
          },
          body: {
            description:
              'The patch document, free-form (what `kubectl patch -p` takes)',
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      GatewayApiChannel: {
        description:
          'The Gateway API release channel a generated manifest needs',
        type: 'object',
        additionalProperties: false,
        required: ['channel', 'fields'],
        properties: {
          channel: {
            type: 'string',
            enum: ['standard', 'experimental'],
          },
          fields: {
            description:
              'Fields of the manifest that need the experimental channel',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      MigrationManifest: {
        description:
          'One manifest of a step, a full object to apply or a patch to an existing one',
        type: 'object',
        additionalProperties: false,
        required: ['description'],
        properties: {
          description: {
            type: 'string',
          },
          object: {
            $ref: '#/components/schemas/MigrationObject',
          },
          patch: {
            $ref: '#/components/schemas/MigrationPatch',
          },
          gatewayApiChannel: {
            $ref: '#/components/schemas/GatewayApiChannel',
          },
        },
      },
      MigrationStep: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'order', 'kind', 'title', 'explanation', 'manifests'],
        properties: {
          id: {
            description:
              'Stable within a plan, e.g. `fix`, `enroll`, `translate-istio`',
            type: 'string',
          },
          order: {
            description: '1-based position',
            type: 'integer',
            minimum: 1,
          },
          kind: {
            $ref: '#/components/schemas/MigrationStepKind',
          },
          title: {
            type: 'string',
          },
          explanation: {
            type: 'string',
          },
          manifests: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MigrationManifest',
            },
          },
          commands: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ManualAction: {
        description: 'Something the plan cannot do mechanically, and why',
        type: 'object',
        additionalProperties: false,
        required: ['what', 'why', 'source'],
        properties: {
          what: {
            type: 'string',
          },
          why: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
        },
      },
      MigrationPlan: {
        type: 'object',
        additionalProperties: false,
        required: ['target', 'service', 'steps', 'manualActions', 'yaml'],
        properties: {
          target: {
            $ref: '#/components/schemas/MigrationTarget',
          },
          service: {
            description: 'The service the plan is for',
            type: 'string',
          },
          steps: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MigrationStep',
            },
          },
          manualActions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ManualAction',
            },
          },
          yaml: {
            description:
              'Every manifest of every step, as one multi-document YAML',
            type: 'string',
          },
        },
      },
      MigrationTaskComment: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'author', 'body', 'createdAt'],
        properties: {
          id: {
            type: 'string',
          },
          author: {
            type: 'string',
          },
          body: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      MigrationTask: {
        description: 'A migration task filed from the portal',
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'entityRef',
          'target',
          'title',
          'description',
          'status',
          'version',
          'createdBy',
          'createdAt',
          'updatedAt',
          'comments',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          target: {
            $ref: '#/components/schemas/TaskTarget',
          },
          title: {
            type: 'string',
          },
          description: {
            description: 'Markdown: why, and the steps of the migration plan',
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/MigrationTaskStatus',
          },
          assignee: {
            description:
              "Group (or user) entity ref; defaults to the entity's owner",
            type: 'string',
          },
          dueDate: {
            $ref: '#/components/schemas/IsoDay',
          },
          version: {
            description:
              'Increments on every change; updates must send the version they read',
            type: 'integer',
            minimum: 1,
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          resolution: {
            description:
              'Set when the scanner closed the task, or on a status change with a note',
            type: 'string',
          },
          externalUrl: {
            description:
              "The issue opened in the entity's repository, when that sink is on",
            type: 'string',
          },
          externalError: {
            type: 'string',
          },
          comments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MigrationTaskComment',
            },
          },
        },
      },
      MigrationTaskList: {
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MigrationTask',
            },
          },
          totalCount: {
            type: 'integer',
            minimum: 0,
          },
        },
      },
      CreateMigrationTaskRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'target'],
        properties: {
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          target: {
            $ref: '#/components/schemas/TaskTarget',
          },
          title: {
            description: 'Default: Move <service> to <target>',
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          description: {
            description: "Default from the assessment's findings",
            type: 'string',
            maxLength: 20000,
          },
          assignee: {
            description: "Default: the entity's owner",
            $ref: '#/components/schemas/GroupRef',
          },
          dueDate: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      UpdateMigrationTaskRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['version'],
        properties: {
          version: {
            description:
              'The version read; a 32-bit integer in the store, and version + 1 must fit',
            type: 'integer',
            minimum: 1,
            maximum: 2147483646,
          },
          status: {
            $ref: '#/components/schemas/MigrationTaskStatus',
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          description: {
            type: 'string',
            maxLength: 20000,
          },
          assignee: {
            description: 'A group or user ref; null clears it',
            type: ['string', 'null'],
            minLength: 1,
            maxLength: 255,
          },
          dueDate: {
            description: 'YYYY-MM-DD; null clears it',
            type: ['string', 'null'],
            format: 'date',
          },
          note: {
            description:
              "Why the status changed; kept as the task's resolution",
            type: 'string',
            maxLength: 2000,
          },
        },
      },
      CommentOnTaskRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['body'],
        properties: {
          body: {
            description:
              'The comment (Markdown); leading and trailing white space is dropped',
            type: 'string',
            maxLength: 10000,
            pattern: '\\S',
            'x-pattern-message': 'must not be blank',
          },
        },
      },
      BulkCreateMigrationTasksRequest: {
        description:
          'Name an `owner` or a `system` (or both) to file tasks for',
        type: 'object',
        additionalProperties: false,
        required: ['target'],
        properties: {
          target: {
            $ref: '#/components/schemas/TaskTarget',
          },
          owner: {
            $ref: '#/components/schemas/GroupRef',
          },
          system: {
            $ref: '#/components/schemas/GroupRef',
          },
          stages: {
            description: 'Only services in these stages (default every stage)',
            type: 'array',
            items: {
              $ref: '#/components/schemas/AdoptionStage',
            },
          },
          dueDate: {
            $ref: '#/components/schemas/IsoDay',
          },
        },
      },
      BulkCreateMigrationTasksResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['created', 'skipped'],
        properties: {
          created: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MigrationTask',
            },
          },
          skipped: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['entityRef', 'reason'],
              properties: {
                entityRef: {
                  type: 'string',
                },
                reason: {
                  type: 'string',
                },
                taskId: {
                  description: 'The active task that made it skip',
                  type: 'string',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
