import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ServiceMeshTaskSink,
  ServiceMeshTaskSinkContext,
  ServiceMeshTaskSinkResult,
} from '@meshwise/backstage-plugin-service-mesh-node';
import fetch from 'node-fetch';

const GITHUB_REPO = /^\/([^/]+)\/([^/]+?)(?:\.git)?(?:\/|$)/;

/**
 * Opens a GitHub issue for a task in the repository of the entity's source
 * location, with the credentials of Backstage's GitHub integration (token or
 * GitHub App). Never throws: a failure is returned for the task to keep.
 */
export class GithubIssueSink implements ServiceMeshTaskSink {
  /** The sink of `serviceMesh.tasks.github`; undefined when it is off. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): GithubIssueSink | undefined {
    const sinkConfig = config.getOptionalConfig('serviceMesh.tasks.github');
    if (!sinkConfig || sinkConfig.getOptionalBoolean('enabled') === false) {
      return undefined;
    }
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubIssueSink({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      labels: sinkConfig.getOptionalStringArray('labels') ?? ['service-mesh'],
      logger,
    });
  }

  readonly id = 'github';
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentials: GithubCredentialsProvider;
  readonly #labels: string[];
  readonly #logger: LoggerService;

  constructor(options: {
    integrations: ScmIntegrationRegistry;
    credentials: GithubCredentialsProvider;
    labels: string[];
    logger: LoggerService;
  }) {
    this.#integrations = options.integrations;
    this.#credentials = options.credentials;
    this.#labels = options.labels;
    this.#logger = options.logger;
  }

  async onTaskCreated(
    task: MigrationTask,
    { entity }: ServiceMeshTaskSinkContext,
  ): Promise<ServiceMeshTaskSinkResult> {
    try {
      const repoUrl = sourceRepositoryUrl(entity);
      if (!repoUrl) {
        return {
          error: `No GitHub issue: the entity has no ${ANNOTATION_SOURCE_LOCATION} annotation`,
        };
      }
      const integration = this.#integrations.github.byUrl(repoUrl);
      if (!integration) {
        return {
          error: `No GitHub issue: no GitHub integration for ${repoUrl}`,
        };
      }
      const match = new URL(repoUrl).pathname.match(GITHUB_REPO);
      if (!match) {
        return { error: `No GitHub issue: ${repoUrl} is not a repository URL` };
      }
      const [, owner, repo] = match;
      const { headers } = await this.#credentials.getCredentials({
        url: `https://${integration.config.host}/${owner}/${repo}`,
      });
      const apiBaseUrl =
        integration.config.apiBaseUrl ??
        `https://api.${integration.config.host}`;
      const response = await fetch(
        `${apiBaseUrl}/repos/${owner}/${repo}/issues`,
        {
          method: 'POST',
          headers: {
            ...headers,
            Accept: 'application/vnd.github+json',
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            title: task.title,
            body: `${task.description}\n\n---\nFiled from the Meshwise portal (task ${task.id}).`,
            labels: this.#labels,
          }),
          timeout: 15_000,
        },
      );
      if (!response.ok) {
        const detail = await response.text().catch(() => '');
        return {
          error: `GitHub answered ${
            response.status
          } when opening an issue in ${owner}/${repo}${
            detail ? `: ${detail.slice(0, 200)}` : ''
          }`,
        };
      }
      const issue = (await response.json()) as { html_url?: string };
      if (!issue.html_url) {
        return { error: 'GitHub answered without an issue URL' };
      }
      return { url: issue.html_url };
    } catch (error) {
      this.#logger.warn(
        `Could not open a GitHub issue for task ${task.id}: ${
          (error as Error).message
        }`,
      );
      return {
        error: `Could not open a GitHub issue: ${(error as Error).message}`,
      };
    }
  }
}

/** `url:https://github.com/acme/cart/tree/main/` → `https://github.com/acme/cart/tree/main/` */
function sourceRepositoryUrl(entity: Entity): string | undefined {
  const ref = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!ref) return undefined;
  const { type, target } = parseLocationRef(ref);
  return type === 'url' ? target : undefined;
}
