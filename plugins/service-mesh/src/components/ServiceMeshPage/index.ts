export { ServiceMeshPage } from './ServiceMeshPage';
