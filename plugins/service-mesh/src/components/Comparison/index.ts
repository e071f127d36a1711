export { ComparisonTab } from './ComparisonTab';
