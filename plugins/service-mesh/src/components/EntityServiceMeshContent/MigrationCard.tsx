import { InfoCard, LinkButton, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AssignmentIcon from '@material-ui/icons/Assignment';
import CallMergeIcon from '@material-ui/icons/CallMerge';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import {
  EntityAssessmentResponse,
  MIGRATION_TARGETS,
  MigrationPlan,
  MigrationTarget,
  MigrationTask,
  serviceMeshTaskCreatePermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { serviceMeshApiRef } from '../../api';
import { DeniedTooltip } from '../common/DeniedTooltip';
import { entityNameOf, isNotFoundError } from '../common/useEntityAssessment';
import { useEntityPermission } from '../common/useEntityPermission';
import { FileTaskDialog, FileTaskService } from './FileTaskDialog';
import { MigrationPlanView } from './MigrationPlanView';
import {
  defaultMigrationTarget,
  ownerRefOf,
  migrationTargetLabel,
} from './migrationDefaults';
import {
  scaffolderTemplatePath,
  useScaffolderTemplate,
} from './scaffolderTemplateLink';
import { TaskList } from './TaskList';
import { errorMessage } from '../Tasks/taskModel';

/** `shipping-gateway-api-migration-plan.yaml` */
export function planFileName(plan: Pick<MigrationPlan, 'service' | 'target'>) {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe(plan.service)}-${safe(plan.target)}-migration-plan.yaml`;
}

/** Offers the plan's YAML as a file download. */
export function downloadPlan(plan: MigrationPlan): void {
  const blob = new Blob([plan.yaml], { type: 'application/yaml' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = planFileName(plan);
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

type CopyState = { ok: true } | { ok: false; message: string } | undefined;

/**
 * The Migration card of the Mesh tab: the generated plan for a target (its
 * steps, manifests, commands and what is left to do by hand), the plan as a
 * YAML file or as a pull request (through the Scaffolder template of
 * `serviceMesh.scaffolderTemplate`), and the service's migration tasks.
 */
export function MigrationCard(props: { response: EntityAssessmentResponse }) {
  const { response } = props;
  const { entity } = useEntity();
  const api = useApi(serviceMeshApiRef);
  const { kind, namespace, name } = entityNameOf(entity);

  const defaultTarget = defaultMigrationTarget(response);
  const [target, setTarget] = useState<MigrationTarget>(defaultTarget);
  // A refresh may change the mesh the service runs on.
  useEffect(() => setTarget(defaultTarget), [defaultTarget]);

  const planState = useAsyncRetry(
    () => api.getMigrationPlan({ kind, namespace, name }, target),
    [api, kind, namespace, name, target],
  );
  const plan = planState.value;

  const [copied, setCopied] = useState<CopyState>();
  useEffect(() => setCopied(undefined), [plan]);
  const copyYaml = async () => {
    if (!plan) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard in this browser');
      await navigator.clipboard.writeText(plan.yaml);
      setCopied({ ok: true });
    } catch (error) {
      setCopied({
        ok: false,
        message: `Could not copy: ${
          (error as Error).message
        }. Use Download plan instead.`,
      });
    }
  };

  const service: FileTaskService = useMemo(
    () => ({
      entityRef: response.entity.entityRef,
      name: { kind, namespace, name },
      title: entity.metadata.title ?? response.entity.title ?? name,
      owner: ownerRefOf(entity, response),
    }),
    [entity, response, kind, namespace, name],
  );

  const fileTask = useEntityPermission(
    serviceMeshTaskCreatePermission,
    response.entity.entityRef,
    'You may not file migration tasks for this service',
  );
  const [dialogOpen, setDialogOpen] = useState(false);
  const [filed, setFiled] = useState<MigrationTask>();
  const [reloadKey, setReloadKey] = useState(0);
  const onFiled = useCallback((task: MigrationTask) => {
    setDialogOpen(false);
    setFiled(task);
    setReloadKey(key => key + 1);
  }, []);

  const description = MIGRATION_TARGETS.find(t => t.id === target)?.description;
  const template = useScaffolderTemplate();

  return (
    <InfoCard
      title="Migration"
      subheader="A generated plan to move this service, and its migration tasks"
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
        mb={2}
      >
        <TextField
          id="service-mesh-migration-target"
          select
          label="Target"
          variant="outlined"
          size="small"
          value={target}
          SelectProps={{ native: true }}
          onChange={event => setTarget(event.target.value as MigrationTarget)}
          style={{ minWidth: 280 }}
        >
          {MIGRATION_TARGETS.map(t => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </TextField>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          disabled={!plan || planState.loading}
          onClick={() => plan && downloadPlan(plan)}
        >
          Download plan
        </Button>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<FileCopyIcon />}
          disabled={!plan || planState.loading}
          onClick={copyYaml}
        >
          Copy YAML
        </Button>
        {template && (
          <LinkButton
            variant="outlined"
            color="primary"
            startIcon={<CallMergeIcon />}
            disabled={!plan || planState.loading}
            // It navigates: a link, not the button ButtonBase would say.
            role="link"
            to={scaffolderTemplatePath(template, {
              entityRef: response.entity.entityRef,
              target,
            })}
          >
            Open a pull request with this plan
          </LinkButton>
        )}
        <DeniedTooltip reason={fileTask.deniedReason}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<AssignmentIcon />}
            disabled={!fileTask.allowed}
            onClick={() => setDialogOpen(true)}
          >
            File migration task
          </Button>
        </DeniedTooltip>
      </Box>
      {copied && (
        <Box mb={2}>
          <Alert
            severity={copied.ok ? 'success' : 'error'}
            role={copied.ok ? 'status' : 'alert'}
            onClose={() => setCopied(undefined)}
          >
            {copied.ok ? 'The plan YAML is on your clipboard.' : copied.message}
          </Alert>
        </Box>
      )}
      <Typography variant="h6" component="h3" gutterBottom>
        Migration tasks
      </Typography>
      {filed && (
        <Box mb={2}>
          <Alert
            severity="success"
            role="status"
            onClose={() => setFiled(undefined)}
          >
            Filed "{filed.title}" for {migrationTargetLabel(filed.target)}
            {filed.externalUrl ? `: ${filed.externalUrl}` : ''}.
          </Alert>
        </Box>
      )}
      <TaskList entityRef={response.entity.entityRef} reloadKey={reloadKey} />
      <Box my={3}>
        <Divider />
      </Box>
      <Typography variant="h6" component="h3" gutterBottom>
        Plan for {migrationTargetLabel(target)}
      </Typography>
      {description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {description}
        </Typography>
      )}
      {planState.loading && <Progress />}
      {!planState.loading && planState.error && (
        <PlanError error={planState.error} onRetry={planState.retry} />
      )}
      {!planState.loading && plan && <MigrationPlanView plan={plan} />}
      {dialogOpen && (
        <FileTaskDialog
          service={service}
          target={target}
          plan={plan?.target === target ? plan : undefined}
          onClose={() => setDialogOpen(false)}
          onFiled={onFiled}
        />
      )}
    </InfoCard>
  );
}

function PlanError(props: { error: Error; onRetry: () => void }) {
  if (isNotFoundError(props.error)) {
    return (
      <Alert severity="info" role="status">
        No migration plan: none of this service's workloads was found in the
        clusters Meshwise reads, so there is nothing to generate manifests for.
        Check the service's Kubernetes annotations and that it is deployed, then
        refresh the assessment.
      </Alert>
    );
  }
  // Inline in the card: the rest of the Mesh tab stays usable.
  return (
    <Box display="flex" alignItems="center" style={{ gap: 16 }}>
      <Typography variant="body2" color="error">
        Could not load the migration plan: {errorMessage(props.error)}
      </Typography>
      <Button size="small" variant="outlined" onClick={props.onRetry}>
        Retry
      </Button>
    </Box>
  );
}
