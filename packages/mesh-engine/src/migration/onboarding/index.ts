/**
 * Onboarding a service to a mesh: the fix, enrol, harden, restart and verify
 * parts of a migration plan. Each mesh's way is its playbook (`playbooks/`);
 * the fixes per check id are in `fixes/`.
 */
export { planEnrolment } from './enrolment';
export type { EnrolmentResult } from './enrolment';
export { planFixes } from './planFixes';
export type { FixResult } from './planFixes';
export { planHardening } from './hardening';
export type { HardeningResult } from './hardening';
export { restartCommands } from './restartCommands';
export { verifyCommands } from './verifyCommands';
export type { OnboardingPlaybook } from './playbook';
