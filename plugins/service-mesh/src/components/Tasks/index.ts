export { TasksTab } from './TasksTab';
export { BulkFileDialog, bulkScopeOf } from './BulkFileDialog';
export type { BulkScope } from './BulkFileDialog';
