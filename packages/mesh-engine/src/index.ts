/**
 * The Meshwise engine: detection, readiness checks, assessment, the mesh
 * knowledge base, the recommender and migration plans. Pure functions over
 * plain data, with no Backstage dependency: the backend and the command
 * line run it; the browser never does (it reads what the API computed).
 *
 * The shapes it produces (assessments, findings, plans) and the ids and
 * labels it uses are the contract of
 * `@meshwise/backstage-plugin-service-mesh-common`.
 *
 * @packageDocumentation
 */

export * from './engine';
export * from './knowledgeBase';
export * from './recommender';
export * from './migration';
export * from './manifestFiles';
