import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  MigrationManifest,
  MigrationPlan,
  patchCommand,
} from '@meshwise/backstage-plugin-service-mesh-common';

const STEP_KIND_LABELS: Record<string, string> = {
  prepare: 'Prepare',
  fix: 'Fix',
  enroll: 'Enrol',
  translate: 'Translate',
  cleanup: 'Clean up',
  harden: 'Harden',
  verify: 'Verify',
};

/**
 * One manifest as YAML, cut from the plan's YAML the backend rendered (one
 * document per manifest with an object or a patch, in step order), without
 * the document's step comments.
 */
export function manifestYaml(
  plan: Pick<MigrationPlan, 'steps' | 'yaml'>,
  manifest: MigrationManifest,
): string {
  const rendered = plan.steps
    .flatMap(s => s.manifests)
    .filter(m => m.object || m.patch);
  const position = rendered.indexOf(manifest);
  const documents = plan.yaml.split(/^---$/m).slice(1);
  const document = documents[position];
  if (position < 0 || document === undefined) {
    // Not in the plan's YAML (a plan from another build): the JSON says it all.
    return JSON.stringify(manifest.object ?? manifest.patch?.body, null, 2);
  }
  const lines = document.split('\n');
  let start = 0;
  while (
    start < lines.length &&
    (lines[start].startsWith('#') || lines[start].trim() === '')
  ) {
    start++;
  }
  return lines.slice(start).join('\n').trimEnd();
}

function ManifestView(props: {
  plan: MigrationPlan;
  manifest: MigrationManifest;
}) {
  const { plan, manifest } = props;
  const command = patchCommand(manifest);
  return (
    <Box mt={1.5}>
      <Typography variant="body2" gutterBottom>
        {manifest.patch ? 'Patch: ' : ''}
        {manifest.description}
      </Typography>
      <CodeSnippet
        language="yaml"
        text={manifestYaml(plan, manifest)}
        showCopyCodeButton
      />
      {command && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Or apply it with
          </Typography>
          <CodeSnippet
            language="bash"
            text={command}
            showCopyCodeButton
            wrapLongLines
          />
        </Box>
      )}
    </Box>
  );
}

/** The plan's steps in order, then what it cannot do by itself. */
export function MigrationPlanView(props: { plan: MigrationPlan }) {
  const { plan } = props;
  return (
    <Box>
      <Box component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {plan.steps.map(step => (
          <Box
            component="li"
            key={step.id}
            mb={3}
            aria-label={`Step ${step.order}: ${step.title}`}
          >
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Typography variant="h6" component="h3">
                {step.order}. {step.title}
              </Typography>
              <Chip
                size="small"
                variant="outlined"
                label={STEP_KIND_LABELS[step.kind] ?? step.kind}
              />
            </Box>
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ whiteSpace: 'pre-line' }}
            >
              {step.explanation}
            </Typography>
            {step.manifests.map((manifest, i) => (
              <ManifestView key={i} plan={plan} manifest={manifest} />
            ))}
            {step.commands && step.commands.length > 0 && (
              <Box mt={1.5}>
                <Typography variant="caption" color="textSecondary">
                  Commands
                </Typography>
                <CodeSnippet
                  language="bash"
                  text={step.commands.join('\n')}
                  showCopyCodeButton
                  wrapLongLines
                />
              </Box>
            )}
          </Box>
        ))}
      </Box>
      <Typography variant="h6" component="h3">
        Not carried, do this by hand
      </Typography>
      {plan.manualActions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing: the manifests above carry everything the plan found.
        </Typography>
      ) : (
        <Box component="ul" pl={0} style={{ listStyle: 'none' }}>
          {plan.manualActions.map((action, i) => (
            <Box component="li" key={i} mb={1.5}>
              <Alert severity="warning" icon={false}>
                <Typography variant="body2" style={{ fontWeight: 600 }}>
                  {action.what}
                </Typography>
                <Typography variant="body2">{action.why}</Typography>
                <Typography variant="caption" color="textSecondary">
                  From {action.source}
                </Typography>
              </Alert>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
