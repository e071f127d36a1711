import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Meshwise service-mesh plugins. */
  serviceMesh?: {
    /**
     * When the scanner assesses the catalog. Defaults to every 30 minutes,
     * starting shortly after the backend starts.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * The catalog follow-up: between scheduled scans, looks for entities in
     * scope that have no assessment yet or whose Kubernetes annotations
     * changed, and triggers a (full) scan when it finds any. On by default;
     * off by default when the schedule is `{ trigger: manual }`.
     */
    followUp?: {
      enabled?: boolean;
      /**
       * How often the catalog is looked at, e.g. `{ seconds: 30 }` or
       * `'30s'`. Default 30 seconds; the first look is this long after the
       * first scan is due.
       */
      frequency?: HumanDuration | string;
      /** The least time between two scans it triggers. Default 60 seconds. */
      minInterval?: HumanDuration | string;
    };

    /** How scans do their work. */
    scan?: {
      /**
       * A scan assesses again only the entities whose inputs changed since
       * their stored assessment (the cluster objects that can affect them,
       * their catalog configuration, the scanner's configuration and the
       * engine version); the others are counted as skipped. An unchanged
       * entity is still assessed again once its stored assessment is this
       * old, e.g. `{ hours: 12 }` or `'12h'`. Default one day.
       */
      reassessUnchangedAfter?: HumanDuration | string;
      /**
       * How many shards the clusters are split into (1 to 256, default 1),
       * so that several replicas share a scan. Each cluster belongs to the
       * shard its name hashes to. The scan task, on its schedule, asks for
       * every shard; each replica's worker (a local task) takes the next
       * due shard whenever it is free, reads its clusters and stores their
       * parts, and, once every shard's clusters are done, merges a slice of
       * the entities. Set it to at least the number of replicas, and a few
       * times more to even out clusters of different sizes. A replica holds
       * one cluster's objects at a time, whatever this setting.
       */
      shards?: number;
    };

    /** Which catalog entities are assessed. Default: kind Component, type service. */
    entities?: {
      kinds?: string[];
      /** `spec.type` values; an empty list means any type. */
      types?: string[];
    };

    /**
     * The mesh the organisation is adopting (istio-sidecar, istio-ambient,
     * linkerd, consul, kuma, cilium). Decides whether a service not yet on a
     * mesh is `ready` or `blocked`; without it, ready for any mesh counts.
     */
    targetMesh?: string;

    /**
     * Manifests (GitOps repositories), each source read as the state of one
     * cluster: a local `directory` (relative to the backend's working
     * directory) or a repository `url` read through the backend's urlReader
     * with the `integrations` config. Exactly one of the two per source; a
     * source with both or neither stops the backend at start.
     */
    manifestSources?: Array<ManifestSourceConfig>;

    /**
     * Bounds on reading every manifest source; a source's own settings win.
     * A file over a limit is skipped and reported as a warning of its source
     * (on `/clusters`), never silently.
     */
    manifests?: ManifestReadLimitsConfig;

    /**
     * A cluster read that lists more than this share fewer objects than the
     * cluster's last good read (0 to 1, default 0.5) is doubted once: the
     * last good state is kept and the cluster shows stale until the next
     * read confirms the drop. Reads that list nothing, or no pod while
     * workload controllers remain, are always doubted once.
     */
    maxObjectDrop?: number;

    /** How the clusters of kubernetes.clusterLocatorMethods are read. */
    kubernetes?: {
      /** Per list call, in milliseconds. Default 15000. */
      requestTimeoutMs?: number;
      /**
       * Most items per list page. Default 500. Within it, each page is sized
       * to about 512 KB of JSON from the size of the last page's objects.
       */
      pageSize?: number;
      /**
       * Most pods per list page. Default 100: pods are the largest and most
       * numerous objects (each page is parsed whole before it is reduced).
       */
      podPageSize?: number;
      /**
       * Tokens of read-only service accounts for clusters found with the
       * catalog cluster locator method (catalog entities carry no secrets),
       * by cluster (Resource entity) name.
       * @visibility secret
       */
      serviceAccountTokens?: { [clusterName: string]: string };
    };

    /** Demo-only settings: never turn these on outside a demo. */
    demo?: {
      /**
       * Back-fills this many days of generated adoption history (0 to 365)
       * before the first day a scan rolled up, so a fresh demo shows a
       * trend. The days are derived from the current assessments, stored as
       * demo data and marked so in `GET /scorecard/history` and in the
       * chart; real days are never overwritten. Default 0 (off).
       */
      backfillHistoryDays?: number;
    };

    /**
     * Corrections and additions to the built-in mesh knowledge base. Checked
     * when the backend starts; an invalid key stops the start with an error
     * that names it. Overridden cells are marked as such in the UI.
     */
    knowledgeBase?: {
      overrides?: Array<{
        /** A knowledge-base entry id, e.g. `linkerd`. */
        mesh: string;
        /** A capability id, e.g. `mirroring`. */
        capability: string;
        value: 'supported' | 'partial' | 'not-supported' | 'unknown';
        note: string;
        source: { title: string; url: string };
        /** YYYY-MM-DD */
        checkedOn: string;
      }>;
      /** Whole entries to add or replace (same shape as the built-in ones). */
      entries?: Array<{ [key: string]: any }>;
    };
  };
}

/** One directory or repository of manifests, read as one cluster, with its own limits. */
interface ManifestSourceConfig extends ManifestReadLimitsConfig {
  /** The cluster name entities refer to with backstage.io/kubernetes-cluster. */
  name: string;
  /** A local directory, read recursively. Set this or `url`. */
  directory?: string;
  /**
   * A repository tree, e.g. `https://github.com/acme/deploy/tree/main/k8s`,
   * read recursively with `urlReader.readTree`: any host an `integrations`
   * entry covers (GitHub, GitLab, Bitbucket, Azure DevOps, Gitea, Gerrit),
   * with that integration's credentials; never put credentials in the URL.
   * Read again only when the branch has moved. Set this or `directory`.
   */
  url?: string;
}

/** Bounds on reading a source of manifests (see the backend README, "Reliability"). */
interface ManifestReadLimitsConfig {
  /**
   * Manifest files read per source (default 50000), in path order (archive
   * order for a url); the rest are skipped, with one warning.
   */
  maxFiles?: number;
  /** A larger file is skipped (bytes, default 5 MiB = 5242880). */
  maxFileBytes?: number;
  /**
   * A file with a larger YAML document is skipped (bytes, default 1.5 MiB:
   * the largest object the Kubernetes API server stores).
   */
  maxDocumentBytes?: number;
  /** A file with more YAML documents is skipped (default 10000). */
  maxDocumentsPerFile?: number;
  /** Files read at once (default 32). */
  concurrency?: number;
}
