export { OperationsTab } from './OperationsTab';
