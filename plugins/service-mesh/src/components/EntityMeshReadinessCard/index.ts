export { EntityMeshReadinessCard } from './EntityMeshReadinessCard';
