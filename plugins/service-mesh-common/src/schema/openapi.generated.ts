// *****************************************************************
// * GENERATED FILE, DO NOT EDIT.                                  *
// * Types of every path and schema (openapi-typescript).          *
// * Source: plugins/service-mesh-backend/openapi.yaml             *
// * Regenerate with `npm run openapi:generate`.                   *
// *****************************************************************
/* eslint-disable */

export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness and version (no credentials needed) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The backend is up */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ServiceMeshHealth'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/assessment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The stored assessment of one entity */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example component */
          kind: components['parameters']['kind'];
          /** @example default */
          namespace: components['parameters']['namespace'];
          /** @example cart-api */
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The last good assessment (never waits on a cluster) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EntityAssessmentResponse'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        /** @description The entity is not in the catalog (or not visible to the caller), is out of the assessed scope, or has not been assessed yet; the message says which. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/migration-plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The ordered steps and manifests to move the entity to a target
     * @description Generated from the entity's workloads in the last cluster state read: fixes for its findings, enrolment, hardening, and for App Mesh services the translation of their routing, the clean-up and what must be done by hand. `yaml` holds every manifest as one multi-document YAML.
     */
    get: {
      parameters: {
        query: {
          target: components['schemas']['MigrationTarget'];
        };
        header?: never;
        path: {
          /** @example component */
          kind: components['parameters']['kind'];
          /** @example default */
          namespace: components['parameters']['namespace'];
          /** @example cart-api */
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The plan */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationPlan'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        /** @description Unknown entity, or no workload found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Re-assess one entity now
     * @description Needs the `service-mesh.assessment.refresh` permission. The entity's clusters are read again when their data is older than one minute.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example component */
          kind: components['parameters']['kind'];
          /** @example default */
          namespace: components['parameters']['namespace'];
          /** @example cart-api */
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The new assessment (also stored) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EntityAssessmentResponse'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description Unknown entity, out of scope, or none of its clusters could be read */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/scorecard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every assessed entity, filtered, sorted and paged, with totals per stage */
    get: {
      parameters: {
        query?: {
          /** @description Owner entity refs, e.g. `group:default/team-a` (repeat or comma-separate) */
          owner?: components['schemas']['GroupRef'][];
          /** @description System entity refs (repeat or comma-separate) */
          system?: components['schemas']['GroupRef'][];
          /** @description Adoption stages (repeat or comma-separate) */
          stage?: components['schemas']['AdoptionStage'][];
          /** @description Mesh ids, or `none` for services on no mesh (repeat or comma-separate) */
          mesh?: components['schemas']['DetectedMesh'][];
          /** @description Case-insensitive text search over name, title, owner and system */
          q?: string;
          sort?: components['schemas']['ScorecardSortField'];
          order?: 'asc' | 'desc';
          /** @description Rows to skip (bounded so it fits every database's OFFSET) */
          offset?: components['parameters']['offset'];
          limit?: components['parameters']['limit'];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description One page of rows */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ScorecardResponse'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/scorecard/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Counts per stage per day (daily roll-up), of the entities the caller may see
     * @description Filter by `owner` or by `system`, not both; `from` must not be after `to`.
     */
    get: {
      parameters: {
        query?: {
          /** @description YYYY-MM-DD, inclusive; defaults to 90 days before `to` */
          from?: string;
          /** @description YYYY-MM-DD, inclusive; defaults to today (UTC) */
          to?: string;
          groupBy?: components['schemas']['HistoryGroupBy'];
          /** @description One owner's counts (an entity ref) */
          owner?: components['schemas']['GroupRef'];
          /** @description One system's counts (an entity ref) */
          system?: components['schemas']['GroupRef'];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Points per day (and per group when grouped) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StageHistoryResponse'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/scans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent scan runs, newest first */
    get: {
      parameters: {
        query?: {
          limit?: components['parameters']['limit'];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Scan runs */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ScanRunList'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Health of every cluster source */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Clusters */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ClusterHealthList'];
          };
        };
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/meshes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The mesh knowledge base, after app-config overrides */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Capabilities and entries with sourced cells */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MeshKnowledgeBase'];
          };
        };
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rank the meshes for stated requirements */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['MeshRequirements'];
        };
      };
      responses: {
        /** @description Ranked entries with scores and reasons; discontinued ones excluded with successors */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MeshRecommendation'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Migration tasks, newest first (entities the caller may see) */
    get: {
      parameters: {
        query?: {
          entityRef?: components['schemas']['EntityRef'];
          /** @description Group or user entity refs (repeat or comma-separate) */
          assignee?: components['schemas']['GroupRef'][];
          /** @description Task statuses (repeat or comma-separate) */
          status?: components['schemas']['MigrationTaskStatus'][];
          target?: components['schemas']['TaskTarget'];
          /** @description Rows to skip (bounded so it fits every database's OFFSET) */
          offset?: components['parameters']['offset'];
          limit?: components['parameters']['limit'];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description One page of tasks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTaskList'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
      };
    };
    put?: never;
    /** File a migration task (permission service-mesh.task.create on the entity) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description A repeated request with the same key and body (from the same caller) returns the first task; the same key with another body answers 422 */
          'Idempotency-Key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateMigrationTaskRequest'];
        };
      };
      responses: {
        /** @description Nothing filed: the first task of a replayed request (same Idempotency-Key), or the active task the service already has for the target */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTask'];
          };
        };
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTask'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description Unknown entity */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description A concurrent change conflicted with the filing; try again */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The Idempotency-Key was already used for a different request body; nothing was filed */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** File tasks for every service of an owner or system in the given stages, in one transaction */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['BulkCreateMigrationTasksRequest'];
        };
      };
      responses: {
        /** @description Nothing to create; every match was skipped */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BulkCreateMigrationTasksResponse'];
          };
        };
        /** @description Tasks created (and those skipped, with why) */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BulkCreateMigrationTasksResponse'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One task with its comments */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: components['parameters']['taskId'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTask'];
          };
        };
        401: components['responses']['Unauthorized'];
        404: components['responses']['TaskNotFound'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change status or fields (permission service-mesh.task.update); send the version you read */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: components['parameters']['taskId'];
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['UpdateMigrationTaskRequest'];
        };
      };
      responses: {
        /** @description The updated task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTask'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['TaskNotFound'];
        /** @description The task changed since that version; nothing was written */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/tasks/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Comment on a task (permission service-mesh.task.update) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: components['parameters']['taskId'];
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CommentOnTaskRequest'];
        };
      };
      responses: {
        /** @description The task with its comments */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MigrationTask'];
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['TaskNotFound'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description Backstage's error body */
    Error: {
      /** @description The error's name and message; other fields of the serialized error (a cause, a stack trace outside production) are free-form */
      error: {
        name: string;
        message: string;
      } & {
        [key: string]: unknown;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    /** @description One part of an entity ref (kind, namespace or name) */
    EntityRefPart: string;
    /**
     * @description An entity ref like `component:default/cart` (the namespace may be left out)
     * @example component:default/cart-api
     */
    EntityRef: string;
    /** @description A group, user or system entity ref, e.g. `group:default/team-a` */
    GroupRef: string;
    /**
     * Format: date
     * @description A day of the calendar, YYYY-MM-DD
     */
    IsoDay: string;
    /** @description A date as precise as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD) */
    PartialDate: string;
    /**
     * @description A service mesh (or mesh mode) that a workload can run on
     * @enum {string}
     */
    MeshId:
      | 'istio-sidecar'
      | 'istio-ambient'
      | 'linkerd'
      | 'consul'
      | 'kuma'
      | 'cilium'
      | 'aws-app-mesh'
      | 'osm';
    /**
     * @description What the detector can say about a workload, a mesh or `none`
     * @enum {string}
     */
    DetectedMesh:
      | 'istio-sidecar'
      | 'istio-ambient'
      | 'linkerd'
      | 'consul'
      | 'kuma'
      | 'cilium'
      | 'aws-app-mesh'
      | 'osm'
      | 'none';
    /**
     * @description Meshes a workload can be assessed for (every mesh but the discontinued ones)
     * @enum {string}
     */
    ReadinessTargetMesh:
      | 'istio-sidecar'
      | 'istio-ambient'
      | 'linkerd'
      | 'consul'
      | 'kuma'
      | 'cilium';
    /**
     * @description Where a plan can move a service: a readiness target mesh, or Amazon VPC Lattice through the AWS Gateway API controller (`gateway-api`)
     * @enum {string}
     */
    MigrationTarget:
      | 'istio-sidecar'
      | 'istio-ambient'
      | 'linkerd'
      | 'consul'
      | 'kuma'
      | 'cilium'
      | 'gateway-api';
    /**
     * @description What a migration task can move a service to: every plan target, then the AWS successors of App Mesh, which are exits with no generated plan
     * @enum {string}
     */
    TaskTarget:
      | 'istio-sidecar'
      | 'istio-ambient'
      | 'linkerd'
      | 'consul'
      | 'kuma'
      | 'cilium'
      | 'gateway-api'
      | 'ecs-service-connect'
      | 'vpc-lattice';
    /** @enum {string} */
    AdoptionStage:
      | 'not-applicable'
      | 'not-assessed'
      | 'blocked'
      | 'ready'
      | 'onboarding'
      | 'meshed'
      | 'secured'
      | 'must-migrate';
    /** @description A count per adoption stage; stages with no entity are left out */
    StageCounts: {
      'not-applicable'?: number;
      'not-assessed'?: number;
      blocked?: number;
      ready?: number;
      onboarding?: number;
      meshed?: number;
      secured?: number;
      'must-migrate'?: number;
    };
    /** @enum {string} */
    MigrationTaskStatus:
      | 'open'
      | 'in-progress'
      | 'blocked'
      | 'done'
      | 'wont-do';
    /** @enum {string} */
    ScorecardSortField:
      | 'name'
      | 'owner'
      | 'system'
      | 'stage'
      | 'mesh'
      | 'score'
      | 'blockingCount'
      | 'assessedAt';
    /** @enum {string} */
    HistoryGroupBy: 'owner' | 'system';
    /**
     * @description `error` blocks onboarding or breaks traffic; `warning` is a likely problem; `info` is advisory
     * @enum {string}
     */
    CheckSeverity: 'error' | 'warning' | 'info';
    /** @enum {string} */
    CheckStatus: 'fail' | 'pass' | 'not-evaluated';
    /**
     * @description `readiness` checks say what stands between a workload and a mesh and feed the scores; `adoption` checks track progress once a mesh is chosen
     * @enum {string}
     */
    CheckCategory: 'readiness' | 'adoption';
    /**
     * @description A row of the comparison matrix
     * @enum {string}
     */
    CapabilityId:
      | 'platform-kubernetes'
      | 'platform-vms'
      | 'platform-ecs'
      | 'platform-ec2'
      | 'platform-multi-cluster'
      | 'platform-multi-cloud'
      | 'load-balancing'
      | 'retries'
      | 'timeouts'
      | 'circuit-breaking'
      | 'fault-injection'
      | 'mirroring'
      | 'rate-limiting'
      | 'weighted-routing'
      | 'blue-green'
      | 'gateway-api'
      | 'automatic-mtls'
      | 'certificate-rotation'
      | 'authorization-policy'
      | 'jwt-authentication'
      | 'cloud-iam'
      | 'metrics'
      | 'tracing'
      | 'access-logs'
      | 'dashboards'
      | 'service-map'
      | 'control-plane-self-hosted'
      | 'control-plane-managed'
      | 'open-source-license';
    /** @enum {string} */
    CapabilityArea:
      | 'platform'
      | 'traffic'
      | 'security'
      | 'observability'
      | 'operations';
    /**
     * @description How well an entry covers a capability; `unknown` means not verified
     * @enum {string}
     */
    SupportValue: 'supported' | 'partial' | 'not-supported' | 'unknown';
    /** @enum {string} */
    MeshPlatform:
      | 'kubernetes'
      | 'vms'
      | 'ecs'
      | 'ec2'
      | 'multi-cluster'
      | 'multi-cloud';
    /** @enum {string} */
    RequirementCriterion:
      | 'platforms'
      | 'mustHave'
      | 'niceToHave'
      | 'controlPlane'
      | 'overhead'
      | 'openSource'
      | 'experience'
      | 'featureCoverage';
    /** @description A knowledge-base entry: a mesh id, a migration target id, or an entry added from app-config (lower-case words joined by `-`) */
    MeshEntryId: string;
    /** @enum {string} */
    MeshEntryKind: 'mesh' | 'migration-target';
    /** @enum {string} */
    LifecycleStatus: 'active' | 'deprecated' | 'discontinued' | 'archived';
    /** @enum {string} */
    CncfStatus:
      | 'graduated'
      | 'incubating'
      | 'sandbox'
      | 'archived'
      | 'not-cncf'
      | 'unknown';
    /** @enum {string} */
    DataPlaneModel:
      | 'sidecar'
      | 'native-sidecar'
      | 'per-node'
      | 'ambient'
      | 'unknown';
    /** @enum {string} */
    CostModel:
      | 'open-source'
      | 'open-source-with-commercial-distributions'
      | 'source-available-with-commercial-edition'
      | 'cloud-service'
      | 'unknown';
    /** @enum {string} */
    OverheadMetric:
      | 'proxy-cpu'
      | 'proxy-memory'
      | 'control-plane-cpu'
      | 'control-plane-memory'
      | 'mesh-cpu'
      | 'added-latency'
      | 'added-latency-p50'
      | 'added-latency-p90'
      | 'added-latency-p99'
      | 'added-latency-max'
      | 'latency-p50'
      | 'latency-p99'
      | 'throughput'
      | 'throughput-per-core';
    /** @enum {string} */
    OverheadUnit: 'vCPU' | 'MB' | 'GB' | 'ms' | 'cpu-ms' | 'cpu-s' | 'percent';
    /**
     * @description Ranking tiers, best first: `qualified` (every platform and must-have supported), `not-verified` (none fails, one is unknown), `fails-must-have`, `outside-scope` (a migration target that serves none of the platforms)
     * @enum {string}
     */
    RecommendationStanding:
      | 'qualified'
      | 'not-verified'
      | 'fails-must-have'
      | 'outside-scope';
    /** @enum {string} */
    DataPlaneMode:
      | 'sidecar'
      | 'native-sidecar'
      | 'ambient'
      | 'node-proxy'
      | 'none';
    /**
     * @description `meshed`: a proxy (or ambient redirection) is visible; `enrolled`: configuration asks for the mesh but no injected pod is visible; `opted-out`: explicitly kept out; `none`: no sign of any mesh
     * @enum {string}
     */
    MeshState: 'meshed' | 'enrolled' | 'opted-out' | 'none';
    /** @enum {string} */
    MtlsMode: 'strict' | 'permissive' | 'off' | 'unknown';
    /** @enum {string} */
    DetectionConflictKind:
      | 'multiple-meshes'
      | 'sidecar-and-ambient'
      | 'intent-mismatch'
      | 'waypoint-without-ambient';
    /** @enum {string} */
    MigrationStepKind:
      | 'prepare'
      | 'fix'
      | 'enroll'
      | 'translate'
      | 'cleanup'
      | 'harden'
      | 'verify';
    ServiceMeshHealth: {
      /** @enum {string} */
      status: 'ok';
      /** @description The backend plugin's package version */
      version: string;
      /**
       * @description The database engine the store runs on
       * @enum {string}
       */
      database: 'sqlite' | 'postgres' | 'other';
      /** @description The newest migration applied to the plugin's tables */
      schemaVersion: string | null;
    };
    /** @description Per-cluster outcome of one scan */
    ScanClusterStatus: {
      cluster: string;
      /** @enum {string} */
      status: 'ok' | 'stale' | 'failed';
      objectCount?: number;
      error?: string;
    };
    /** @description One run of the scanner */
    ScanRun: {
      id: string;
      /** @enum {string} */
      trigger: 'schedule' | 'refresh';
      /** @enum {string} */
      status: 'running' | 'succeeded' | 'partial' | 'failed';
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string | null;
      entityCount: number | null;
      /** @description Entities assessed and stored by this run */
      assessedCount: number | null;
      /** @description Entities whose inputs (the cluster objects that can affect them, their catalog configuration, the scanner configuration and the engine version) were unchanged since their stored assessment, so not assessed again; null for runs of versions before this count */
      skippedCount: number | null;
      /** @description With serviceMesh.scan.shards, the part of the scan the run did: `2/4` read the clusters of the second of four shards and stored their parts (its entity counts are null), `merge 2/4` merged the second quarter of the entities from the stored parts; null for a run over every cluster and entity */
      shard: string | null;
      clusters: components['schemas']['ScanClusterStatus'][];
      error: string | null;
    };
    ScanRunList: {
      items: components['schemas']['ScanRun'][];
    };
    /** @description Per-cluster health, for operators */
    ClusterHealth: {
      cluster: string;
      /** @enum {string} */
      type: 'kubernetes' | 'manifests';
      /** @enum {string} */
      status: 'ok' | 'stale' | 'failed' | 'never-read';
      /** Format: date-time */
      lastReadAt: string | null;
      /** Format: date-time */
      lastAttemptAt: string | null;
      objectCount: number | null;
      error?: string;
      warnings: string[];
    };
    ClusterHealthList: {
      items: components['schemas']['ClusterHealth'][];
    };
    MeshCapability: {
      id: components['schemas']['CapabilityId'];
      area: components['schemas']['CapabilityArea'];
      title: string;
      description: string;
    };
    /** @description A public page or file a fact was read from */
    KnowledgeSource: {
      title: string;
      /** Format: uri */
      url: string;
    };
    /** @description A cell as written (built-in data or app-config), without override mark */
    PlainKnowledgeCell: {
      value: components['schemas']['SupportValue'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
    };
    /** @description One cell of the comparison matrix (entry × capability) */
    KnowledgeCell: {
      value: components['schemas']['SupportValue'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
      overridden?: components['schemas']['KnowledgeOverrideMark'];
    };
    /** @description Set on a cell that app-config changed, so the UI can flag it */
    KnowledgeOverrideMark: {
      /** @enum {string} */
      by: 'app-config';
      previous?: components['schemas']['PlainKnowledgeCell'];
    };
    /** @description One cell per capability of the catalogue; none may be missing */
    CapabilityCells: {
      'platform-kubernetes': components['schemas']['KnowledgeCell'];
      'platform-vms': components['schemas']['KnowledgeCell'];
      'platform-ecs': components['schemas']['KnowledgeCell'];
      'platform-ec2': components['schemas']['KnowledgeCell'];
      'platform-multi-cluster': components['schemas']['KnowledgeCell'];
      'platform-multi-cloud': components['schemas']['KnowledgeCell'];
      'load-balancing': components['schemas']['KnowledgeCell'];
      retries: components['schemas']['KnowledgeCell'];
      timeouts: components['schemas']['KnowledgeCell'];
      'circuit-breaking': components['schemas']['KnowledgeCell'];
      'fault-injection': components['schemas']['KnowledgeCell'];
      mirroring: components['schemas']['KnowledgeCell'];
      'rate-limiting': components['schemas']['KnowledgeCell'];
      'weighted-routing': components['schemas']['KnowledgeCell'];
      'blue-green': components['schemas']['KnowledgeCell'];
      'gateway-api': components['schemas']['KnowledgeCell'];
      'automatic-mtls': components['schemas']['KnowledgeCell'];
      'certificate-rotation': components['schemas']['KnowledgeCell'];
      'authorization-policy': components['schemas']['KnowledgeCell'];
      'jwt-authentication': components['schemas']['KnowledgeCell'];
      'cloud-iam': components['schemas']['KnowledgeCell'];
      metrics: components['schemas']['KnowledgeCell'];
      tracing: components['schemas']['KnowledgeCell'];
      'access-logs': components['schemas']['KnowledgeCell'];
      dashboards: components['schemas']['KnowledgeCell'];
      'service-map': components['schemas']['KnowledgeCell'];
      'control-plane-self-hosted': components['schemas']['KnowledgeCell'];
      'control-plane-managed': components['schemas']['KnowledgeCell'];
      'open-source-license': components['schemas']['KnowledgeCell'];
    };
    LicenseFact: {
      value: string;
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
    };
    CncfStatusFact: {
      value: components['schemas']['CncfStatus'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
    };
    DataPlaneModelFact: {
      value: components['schemas']['DataPlaneModel'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
    };
    CostModelFact: {
      value: components['schemas']['CostModel'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      checkedOn: components['schemas']['IsoDay'];
    };
    /** @description A release seen in the source; `releasedOn` is the release's own date */
    ReleaseFact: {
      version: string;
      releasedOn: components['schemas']['IsoDay'];
    };
    MeshLifecycle: {
      status: components['schemas']['LifecycleStatus'];
      latestRelease?: components['schemas']['ReleaseFact'];
      since?: components['schemas']['PartialDate'];
      announcedOn?: components['schemas']['PartialDate'];
      note: string;
      source: components['schemas']['KnowledgeSource'];
      additionalSources?: components['schemas']['KnowledgeSource'][];
      checkedOn: components['schemas']['IsoDay'];
      /** @description Where users of this entry are told to go */
      successors: components['schemas']['MeshEntryId'][];
    };
    /** @description One published figure, as the source reports it. Figures are only comparable within one source and load. */
    OverheadMeasurement: {
      metric: components['schemas']['OverheadMetric'];
      value: number;
      unit: components['schemas']['OverheadUnit'];
      component: string;
      load: string;
      relativeTo?: components['schemas']['MeshEntryId'];
      harness: string;
      source: components['schemas']['KnowledgeSource'];
      publishedOn?: components['schemas']['PartialDate'];
      checkedOn: components['schemas']['IsoDay'];
      vendorAffiliated?: boolean;
      verified: boolean;
      note?: string;
    };
    MeshEntry: {
      id: components['schemas']['MeshEntryId'];
      name: string;
      kind: components['schemas']['MeshEntryKind'];
      /**
       * @description `app-config` when the whole entry was added or replaced from config
       * @enum {string}
       */
      origin: 'built-in' | 'app-config';
      license: components['schemas']['LicenseFact'];
      cncfStatus: components['schemas']['CncfStatusFact'];
      dataPlaneModel: components['schemas']['DataPlaneModelFact'];
      costModel: components['schemas']['CostModelFact'];
      lifecycle: components['schemas']['MeshLifecycle'];
      capabilities: components['schemas']['CapabilityCells'];
      overhead: components['schemas']['OverheadMeasurement'][];
    };
    MeshKnowledgeBase: {
      capabilities: components['schemas']['MeshCapability'][];
      entries: components['schemas']['MeshEntry'][];
    };
    CriterionWeight: number;
    /** @description Per-criterion weights (0–10); omitted ones use the defaults */
    RequirementWeights: {
      platforms?: components['schemas']['CriterionWeight'];
      mustHave?: components['schemas']['CriterionWeight'];
      niceToHave?: components['schemas']['CriterionWeight'];
      controlPlane?: components['schemas']['CriterionWeight'];
      overhead?: components['schemas']['CriterionWeight'];
      openSource?: components['schemas']['CriterionWeight'];
      experience?: components['schemas']['CriterionWeight'];
      featureCoverage?: components['schemas']['CriterionWeight'];
    };
    /** @enum {string} */
    ControlPlanePreference: 'managed' | 'self-hosted' | 'any';
    /** @description What a team asks the recommender; every field has a default, so `{}` is valid */
    MeshRequirements: {
      /** @description Platforms in use, each a hard requirement */
      platforms?: components['schemas']['MeshPlatform'][];
      mustHave?: components['schemas']['CapabilityId'][];
      niceToHave?: components['schemas']['CapabilityId'][];
      preferences?: {
        controlPlane?: components['schemas']['ControlPlanePreference'];
        lowOverhead?: boolean;
        openSourceLicense?: boolean;
        /** @description Knowledge-base entry ids the team already runs */
        experience?: components['schemas']['MeshEntryId'][];
      };
      weights?: components['schemas']['RequirementWeights'];
    };
    /** @description The request with defaults applied and lists de-duplicated and sorted */
    ResolvedMeshRequirements: {
      platforms: components['schemas']['MeshPlatform'][];
      mustHave: components['schemas']['CapabilityId'][];
      niceToHave: components['schemas']['CapabilityId'][];
      preferences: {
        controlPlane: components['schemas']['ControlPlanePreference'];
        lowOverhead: boolean;
        openSourceLicense: boolean;
        experience: components['schemas']['MeshEntryId'][];
      };
      weights: components['schemas']['RequirementWeights'];
    };
    /** @description The weight used for every criterion */
    CriterionWeights: {
      platforms: number;
      mustHave: number;
      niceToHave: number;
      controlPlane: number;
      overhead: number;
      openSource: number;
      experience: number;
      featureCoverage: number;
    };
    /** @description 0–1; null when the request does not ask about the criterion */
    CriterionScore: number | null;
    CriterionScores: {
      platforms: components['schemas']['CriterionScore'];
      mustHave: components['schemas']['CriterionScore'];
      niceToHave: components['schemas']['CriterionScore'];
      controlPlane: components['schemas']['CriterionScore'];
      overhead: components['schemas']['CriterionScore'];
      openSource: components['schemas']['CriterionScore'];
      experience: components['schemas']['CriterionScore'];
      featureCoverage: components['schemas']['CriterionScore'];
    };
    /** @description Where in the knowledge base a reason came from */
    RecommendationReasonRef:
      | {
          entryId: components['schemas']['MeshEntryId'];
          capabilityId: components['schemas']['CapabilityId'];
        }
      | {
          entryId: components['schemas']['MeshEntryId'];
          /** @enum {string} */
          field: 'lifecycle' | 'dataPlaneModel';
        }
      | {
          entryId: components['schemas']['MeshEntryId'];
          /** @enum {string} */
          field: 'overhead';
          measurementIndex: number;
        };
    RecommendationReason: {
      text: string;
      /** @enum {string} */
      kind: 'positive' | 'negative' | 'neutral';
      criterion?: components['schemas']['RequirementCriterion'];
      ref?: components['schemas']['RecommendationReasonRef'];
    };
    RankedEntry: {
      /** @description 1-based position in `ranked` */
      rank: number;
      id: components['schemas']['MeshEntryId'];
      name: string;
      kind: components['schemas']['MeshEntryKind'];
      standing: components['schemas']['RecommendationStanding'];
      /** @description Weighted mean of the applicable criterion scores, 0–100, one decimal */
      total: number;
      scores: components['schemas']['CriterionScores'];
      /** @description Platforms in use and must-haves the entry does not support */
      failedMustHaves: components['schemas']['CapabilityId'][];
      /** @description Platforms in use and must-haves whose cell is `unknown` */
      unverifiedMustHaves: components['schemas']['CapabilityId'][];
      reasons: components['schemas']['RecommendationReason'][];
    };
    ExcludedEntry: {
      id: components['schemas']['MeshEntryId'];
      name: string;
      kind: components['schemas']['MeshEntryKind'];
      /** @enum {string} */
      status: 'discontinued' | 'archived';
      since?: components['schemas']['PartialDate'];
      successors: {
        id: components['schemas']['MeshEntryId'];
        name: string;
        rank?: number;
      }[];
      reasons: components['schemas']['RecommendationReason'][];
    };
    MeshRecommendation: {
      requirements: components['schemas']['ResolvedMeshRequirements'];
      weights: components['schemas']['CriterionWeights'];
      ranked: components['schemas']['RankedEntry'][];
      excluded: components['schemas']['ExcludedEntry'][];
    };
    /** @description A pointer to a Kubernetes object (no namespace when cluster-scoped) */
    KubeObjectRef: {
      kind: string;
      namespace?: string;
      name: string;
    };
    /** @description `intent` is configuration asking for a mesh, `fact` is a mesh actually present */
    DetectionEvidence: {
      /** @enum {string} */
      kind: 'intent' | 'fact';
      mesh?: components['schemas']['MeshId'];
      source: string;
    };
    InjectionCoverage: {
      meshedPods: number;
      totalPods: number;
    };
    MtlsStatus: {
      mode: components['schemas']['MtlsMode'];
      /** @description Where the mode comes from */
      source: string;
      /** @description Set when the mode could not be evaluated because these kinds could not be listed */
      unreadableKinds?: string[];
    };
    ProxyFreshness: {
      proxyVersion?: string;
      controlPlaneVersion?: string;
      stale: boolean | 'unknown';
      /** @description What was compared, or why it could not be */
      source: string;
    };
    DetectionConflict: {
      kind: components['schemas']['DetectionConflictKind'];
      message: string;
    };
    /** @description What the detector says about one workload */
    MeshDetection: {
      mesh: components['schemas']['DetectedMesh'];
      state: components['schemas']['MeshState'];
      dataPlaneMode: components['schemas']['DataPlaneMode'];
      /** @description False for hostNetwork pods, which no mesh injects or captures */
      meshable: boolean;
      evidence: components['schemas']['DetectionEvidence'][];
      coverage?: components['schemas']['InjectionCoverage'];
      mtls: components['schemas']['MtlsStatus'];
      proxy?: components['schemas']['ProxyFreshness'];
      conflicts: components['schemas']['DetectionConflict'][];
      otherMeshes: components['schemas']['MeshId'][];
    };
    WorkloadAssessment: {
      /** @description `Kind/namespace/name` */
      id: string;
      workload: components['schemas']['KubeObjectRef'];
      detection: components['schemas']['MeshDetection'];
      failedChecks: string[];
      notEvaluatedChecks: string[];
      passedChecks: string[];
    };
    /** @description A check result, deduplicated across the service's workloads */
    AssessmentFinding: {
      checkId: string;
      status: components['schemas']['CheckStatus'];
      severity: components['schemas']['CheckSeverity'];
      object: components['schemas']['KubeObjectRef'];
      /** @description JSON path in the object, e.g. `spec.ports[0].name` */
      field?: string;
      message: string;
      remediation: string;
      /** @description YAML that fixes the problem, where one applies */
      snippet?: string;
      /** @description The meshes this result concerns, when narrower than the check's */
      meshes?: components['schemas']['MeshId'][];
      /** @description Ids (`Kind/namespace/name`) of the workloads whose assessment produced it */
      workloads: string[];
    };
    MeshReadinessScore: {
      mesh: components['schemas']['ReadinessTargetMesh'];
      /** @description Severity-weighted share of evaluated readiness checks that pass */
      score: number;
      ready: boolean;
      blocking: number;
      warnings: number;
      notEvaluated: number;
    };
    /** @description The engine's full result for one service */
    ServiceAssessment: {
      engineVersion: string;
      stage: components['schemas']['AdoptionStage'];
      stageReason: string;
      /** @description Meshes any workload runs in or is enrolled in */
      meshes: components['schemas']['MeshId'][];
      coverage: {
        totalWorkloads: number;
        meshableWorkloads: number;
        meshedWorkloads: number;
        enrolledWorkloads: number;
        meshedPods: number;
        totalPods: number;
      };
      mtls: {
        mode: components['schemas']['MtlsMode'];
        strictWorkloads: number;
      };
      staleProxies: number;
      workloads: components['schemas']['WorkloadAssessment'][];
      /** @description Failures and not-evaluated results */
      findings: components['schemas']['AssessmentFinding'][];
      passedChecks: string[];
      scores: components['schemas']['MeshReadinessScore'][];
    };
    /** @description The catalog facts of an assessed entity that the UI shows and filters on */
    AssessedEntity: {
      entityRef: string;
      kind: string;
      namespace: string;
      name: string;
      title?: string;
      owner?: string;
      system?: string;
      lifecycle?: string;
    };
    /** @description Where an assessment's cluster data came from, and how fresh it is */
    AssessmentClusterSource: {
      cluster: string;
      /**
       * Format: date-time
       * @description When the data used was read; null when the cluster was never read
       */
      readAt: string | null;
      /** @description True when the last read failed and older data was used */
      stale: boolean;
      staleReason?: string;
    };
    /** @description A short form of the recommender's answer for one service */
    EntityMeshRecommendation: {
      id: components['schemas']['MeshEntryId'];
      name: string;
      rank: number;
      total: number;
      standing: components['schemas']['RecommendationStanding'];
      reasons: string[];
    };
    /** @description A check of the catalogue, as shown next to its results */
    CheckSummary: {
      id: string;
      title: string;
      /** @description One sentence, why it matters */
      why: string;
      category: components['schemas']['CheckCategory'];
    };
    /** @description A finding of `assessment.findings` as it stands for one target mesh */
    TargetFindingRef: {
      /** @description Position in `assessment.findings` */
      index: number;
      severity: components['schemas']['CheckSeverity'];
    };
    /** @description Readiness for one target mesh, computed by the backend so the browser only renders it: the stored score and counts, plus which findings count */
    TargetMeshReadiness: {
      mesh: components['schemas']['ReadinessTargetMesh'];
      score: number;
      ready: boolean;
      blocking: number;
      warnings: number;
      notEvaluated: number;
      /** @description Failing and not-evaluated readiness findings that concern the mesh, in the assessment's order */
      findings: components['schemas']['TargetFindingRef'][];
      /** @description Readiness checks that apply to the mesh and pass on every workload */
      passedChecks: string[];
    };
    EntityAssessmentResponse: {
      entity: components['schemas']['AssessedEntity'];
      /** @description False when the entity has no Kubernetes annotation */
      configured: boolean;
      /** @description The catalog-info.yaml snippet to add when not configured */
      notConfiguredHint?: string;
      selector?: {
        labelSelector: string;
        namespace?: string;
        cluster?: string;
      };
      stage: components['schemas']['AdoptionStage'];
      stageReason: string;
      targetMesh?: components['schemas']['ReadinessTargetMesh'];
      /** @description The mesh the service runs on (or the first of several); null when none */
      mesh: components['schemas']['MeshId'] | null;
      /** @description Readiness 0..100: for the mesh it runs on, else the best target */
      score: number | null;
      blockingCount: number;
      /** @description The engine's full result; null when not configured */
      assessment: components['schemas']['ServiceAssessment'] | null;
      /** @description Readiness per target mesh, in the order of `assessment.scores`. Absent when there is no assessment, and on assessments stored before it was added (clients fall back to `assessment.scores`). */
      readiness?: components['schemas']['TargetMeshReadiness'][];
      /** @description The checks that `assessment` names (findings and passed checks), by id */
      checks?: {
        [key: string]: components['schemas']['CheckSummary'];
      };
      /** @description The top meshes for this service, with reasons */
      recommendation: components['schemas']['EntityMeshRecommendation'][];
      clusters: components['schemas']['AssessmentClusterSource'][];
      /** Format: date-time */
      assessedAt: string;
      /**
       * Format: date-time
       * @description When a later scan read the entity's clusters and found its inputs (workloads, configuration, clusters' freshness) unchanged, so the assessment still holds. Present only when later than `assessedAt`.
       */
      checkedAt?: string;
    };
    ScorecardRow: {
      entityRef: string;
      kind: string;
      namespace: string;
      name: string;
      title?: string;
      owner?: string;
      system?: string;
      stage: components['schemas']['AdoptionStage'];
      mesh: components['schemas']['MeshId'] | null;
      score: number | null;
      blockingCount: number;
      /** Format: date-time */
      assessedAt: string;
    };
    ScorecardResponse: {
      items: components['schemas']['ScorecardRow'][];
      /** @description Rows matching the filter, before paging */
      totalCount: number;
      totals: components['schemas']['StageCounts'];
    };
    StageHistoryPoint: {
      day: components['schemas']['IsoDay'];
      /** @description The owner or system ref when grouped */
      group?: string;
      counts: components['schemas']['StageCounts'];
      /** @description True when the day was generated by the demo-only back-fill (serviceMesh.demo.backfillHistoryDays), not rolled up by a scan; absent otherwise */
      demo?: boolean;
    };
    StageHistoryResponse: {
      from: components['schemas']['IsoDay'];
      to: components['schemas']['IsoDay'];
      groupBy?: components['schemas']['HistoryGroupBy'];
      points: components['schemas']['StageHistoryPoint'][];
    };
    /** @description A Kubernetes manifest produced by the plan; fields beside metadata are free-form */
    MigrationObject: {
      apiVersion: string;
      kind: string;
      metadata: {
        name: string;
        namespace?: string;
        labels?: {
          [key: string]: string;
        };
        annotations?: {
          [key: string]: string;
        };
      };
    } & {
      [key: string]: unknown;
    };
    MigrationPatchTarget: {
      /** @description Set for custom resources, where `kind` alone is ambiguous */
      apiVersion?: string;
      kind: string;
      /** @description Absent for cluster-scoped kinds */
      namespace?: string;
      name: string;
    };
    MigrationPatch: {
      target: components['schemas']['MigrationPatchTarget'];
      /**
       * @description `strategic-merge` for built-in kinds; `json-merge` (RFC 7386) where a `null` deletes a key
       * @enum {string}
       */
      type: 'strategic-merge' | 'json-merge';
      /** @description The patch document, free-form (what `kubectl patch -p` takes) */
      body: {
        [key: string]: unknown;
      };
    };
    /** @description The Gateway API release channel a generated manifest needs */
    GatewayApiChannel: {
      /** @enum {string} */
      channel: 'standard' | 'experimental';
      /** @description Fields of the manifest that need the experimental channel */
      fields: string[];
    };
    /** @description One manifest of a step, a full object to apply or a patch to an existing one */
    MigrationManifest: {
      description: string;
      object?: components['schemas']['MigrationObject'];
      patch?: components['schemas']['MigrationPatch'];
      gatewayApiChannel?: components['schemas']['GatewayApiChannel'];
    };
    MigrationStep: {
      /** @description Stable within a plan, e.g. `fix`, `enroll`, `translate-istio` */
      id: string;
      /** @description 1-based position */
      order: number;
      kind: components['schemas']['MigrationStepKind'];
      title: string;
      explanation: string;
      manifests: components['schemas']['MigrationManifest'][];
      commands?: string[];
    };
    /** @description Something the plan cannot do mechanically, and why */
    ManualAction: {
      what: string;
      why: string;
      source: string;
    };
    MigrationPlan: {
      target: components['schemas']['MigrationTarget'];
      /** @description The service the plan is for */
      service: string;
      steps: components['schemas']['MigrationStep'][];
      manualActions: components['schemas']['ManualAction'][];
      /** @description Every manifest of every step, as one multi-document YAML */
      yaml: string;
    };
    MigrationTaskComment: {
      id: string;
      author: string;
      body: string;
      /** Format: date-time */
      createdAt: string;
    };
    /** @description A migration task filed from the portal */
    MigrationTask: {
      id: string;
      entityRef: string;
      target: components['schemas']['TaskTarget'];
      title: string;
      /** @description Markdown: why, and the steps of the migration plan */
      description: string;
      status: components['schemas']['MigrationTaskStatus'];
      /** @description Group (or user) entity ref; defaults to the entity's owner */
      assignee?: string;
      dueDate?: components['schemas']['IsoDay'];
      /** @description Increments on every change; updates must send the version they read */
      version: number;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Set when the scanner closed the task, or on a status change with a note */
      resolution?: string;
      /** @description The issue opened in the entity's repository, when that sink is on */
      externalUrl?: string;
      externalError?: string;
      comments: components['schemas']['MigrationTaskComment'][];
    };
    MigrationTaskList: {
      items: components['schemas']['MigrationTask'][];
      totalCount: number;
    };
    CreateMigrationTaskRequest: {
      entityRef: components['schemas']['EntityRef'];
      target: components['schemas']['TaskTarget'];
      /** @description Default: Move <service> to <target> */
      title?: string;
      /** @description Default from the assessment's findings */
      description?: string;
      /** @description Default: the entity's owner */
      assignee?: components['schemas']['GroupRef'];
      dueDate?: components['schemas']['IsoDay'];
    };
    UpdateMigrationTaskRequest: {
      /** @description The version read; a 32-bit integer in the store, and version + 1 must fit */
      version: number;
      status?: components['schemas']['MigrationTaskStatus'];
      title?: string;
      description?: string;
      /** @description A group or user ref; null clears it */
      assignee?: string | null;
      /**
       * Format: date
       * @description YYYY-MM-DD; null clears it
       */
      dueDate?: string | null;
      /** @description Why the status changed; kept as the task's resolution */
      note?: string;
    };
    CommentOnTaskRequest: {
      /** @description The comment (Markdown); leading and trailing white space is dropped */
      body: string;
    };
    /** @description Name an `owner` or a `system` (or both) to file tasks for */
    BulkCreateMigrationTasksRequest: {
      target: components['schemas']['TaskTarget'];
      owner?: components['schemas']['GroupRef'];
      system?: components['schemas']['GroupRef'];
      /** @description Only services in these stages (default every stage) */
      stages?: components['schemas']['AdoptionStage'][];
      dueDate?: components['schemas']['IsoDay'];
    };
    BulkCreateMigrationTasksResponse: {
      created: components['schemas']['MigrationTask'][];
      skipped: {
        entityRef: string;
        reason: string;
        /** @description The active task that made it skip */
        taskId?: string;
      }[];
    };
  };
  responses: {
    /** @description No Backstage identity */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Invalid input; the message names the field */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The permission policy denies it */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No such task, or one on an entity the caller may not see (the same answer; the entity is not named) */
    TaskNotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @example component */
    kind: components['schemas']['EntityRefPart'];
    /** @example default */
    namespace: components['schemas']['EntityRefPart'];
    /** @example cart-api */
    name: components['schemas']['EntityRefPart'];
    taskId: string;
    /** @description Rows to skip (bounded so it fits every database's OFFSET) */
    offset: number;
    limit: number;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
