/**
 * `meshwise check --format sarif`: the report as a SARIF 2.1.0 log, the
 * format GitHub code scanning (and other viewers) read, so a pull request
 * shows each failing readiness finding on the line of the manifest it is
 * about.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import {
  AssessmentFinding,
  CheckSeverity,
  formatKubeObjectRef,
  KubeObjectRef,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  findReadinessCheck,
  ManifestFile,
  ReadinessCheck,
  SkippedManifestFile,
} from '@meshwise/mesh-engine';
import { homepage, version } from '../package.json';
import { artifactLocation, SOURCE_ROOT, sourceRootUri } from './artifactUri';
import { indexObjectLocations, ObjectLocations } from './objectLocations';
import { CheckReport } from './report';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The key of `partialFingerprints`; bump the version if its recipe changes. */
export const FINGERPRINT_KEY = 'meshwiseFinding/v1';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<CheckSeverity, SarifLevel> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export interface SarifInput {
  report: CheckReport;
  /** The files read, with paths relative to `directory`. */
  files: readonly ManifestFile[];
  skipped: readonly SkippedManifestFile[];
  /** `<dir>` as given on the command line. */
  directory: string;
  /** The absolute directory a relative `<dir>` is resolved against. */
  baseDirectory: string;
}

/** One failing finding, once however many workloads share it. */
interface Occurrence {
  finding: AssessmentFinding;
  level: SarifLevel;
  workloads: Set<string>;
  /** The workload it was found for, where to point if its object is not in the files. */
  workload: KubeObjectRef;
}

export function checkReportSarif(input: SarifInput): string {
  const { report } = input;
  const locations = indexObjectLocations(input.files);
  const occurrences = collectOccurrences(report);

  const checks = [...new Set(occurrences.map(o => o.finding.checkId))]
    .sort()
    .map(id => findReadinessCheck(id))
    .filter((check): check is ReadinessCheck => check !== undefined);
  const ruleIndex = new Map(checks.map((check, i) => [check.id, i]));
  const rules = checks.map(check =>
    rule(
      check,
      report,
      occurrences.filter(o => o.finding.checkId === check.id),
    ),
  );

  const fingerprint = fingerprints(occurrences);
  const results = occurrences.map(occurrence => {
    const { finding } = occurrence;
    const where =
      locations.locate(finding.object, finding.field) ??
      locations.locate(occurrence.workload);
    return {
      ruleId: finding.checkId,
      ruleIndex: ruleIndex.get(finding.checkId),
      level: occurrence.level,
      message: {
        // The fix too: a pull request's annotation shows only the message.
        text: finding.remediation
          ? `${sentence(finding.message)} Fix: ${finding.remediation}`
          : finding.message,
      },
      // Unlocated only if no file defines the object or its workload, which
      // parsing the same files makes impossible.
      ...(where && {
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(input.directory, where.file),
              region: { startLine: where.line },
            },
            logicalLocations: logicalLocations(finding),
          },
        ],
      }),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(occurrence) },
      properties: {
        workloads: [...occurrence.workloads],
        ...(finding.snippet && { snippet: finding.snippet }),
      },
    };
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'meshwise',
            version,
            semanticVersion: version,
            informationUri: homepage,
            rules,
          },
        },
        ...(!isAbsolute(input.directory) && {
          originalUriBaseIds: {
            [SOURCE_ROOT]: { uri: sourceRootUri(input.baseDirectory) },
          },
        }),
        invocations: [
          {
            executionSuccessful: true,
            exitCode: report.exitCode,
            toolExecutionNotifications: notifications(input, locations),
          },
        ],
        results,
        properties: {
          target: report.target,
          engineVersion: report.engineVersion,
          files: report.files,
          objects: report.objects,
          workloads: report.workloads.length,
          blockingWorkloads: report.workloads.filter(w => w.blocking).length,
          notEvaluated: notEvaluated(report),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function collectOccurrences(report: CheckReport): Occurrence[] {
  const byKey = new Map<string, Occurrence>();
  for (const workload of report.workloads) {
    for (const finding of workload.targetFindings) {
      const key = JSON.stringify([
        finding.checkId,
        formatKubeObjectRef(finding.object),
        finding.field ?? '',
        finding.message,
      ]);
      const existing = byKey.get(key);
      if (existing) {
        existing.workloads.add(workload.id);
      } else {
        byKey.set(key, {
          finding,
          level: LEVEL[finding.targetSeverity],
          workloads: new Set([workload.id]),
          workload: workload.assessment.workloads[0].workload,
        });
      }
    }
  }
  return [...byKey.values()];
}

/**
 * A finding's identity across runs: its check, object and field, not its
 * line, so it survives edits around it. Results that share those (one
 * check, different messages: a Namespace not enrolled, said once per
 * workload) add their message, whatever their order.
 */
function fingerprints(
  occurrences: readonly Occurrence[],
): (occurrence: Occurrence) => string {
  const identity = ({ finding }: Occurrence) => [
    finding.checkId,
    formatKubeObjectRef(finding.object),
    finding.field ?? '',
  ];
  const counts = new Map<string, number>();
  for (const occurrence of occurrences) {
    const key = hash(identity(occurrence));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return occurrence => {
    const key = hash(identity(occurrence));
    return counts.get(key) === 1
      ? key
      : hash([...identity(occurrence), occurrence.finding.message]);
  };
}

function rule(
  check: ReadinessCheck,
  report: CheckReport,
  occurrences: readonly Occurrence[],
) {
  // The check's severity for the target (the engine's `severityOf`).
  const severity = check.severityFor?.[report.target] ?? check.severity;
  // Remediations are written per finding: the rule's help gathers this run's.
  const fixes = [
    ...new Set(occurrences.map(o => o.finding.remediation).filter(Boolean)),
  ];
  return {
    id: check.id,
    name: identifier(check.title),
    shortDescription: { text: check.title },
    fullDescription: { text: check.why },
    help: {
      text: [check.why, ...fixes.map(fix => `Fix: ${fix}`)].join('\n\n'),
      markdown: [
        `**${check.title}** (${check.id})`,
        check.why,
        ...(fixes.length > 0
          ? ['How to fix:', fixes.map(fix => `- ${fix}`).join('\n')]
          : []),
      ].join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['service-mesh', 'kubernetes', check.category],
      meshes: [...check.meshes],
    },
  };
}

/** The Kubernetes object, and its field when the finding names one. */
function logicalLocations(finding: AssessmentFinding) {
  const object = formatKubeObjectRef(finding.object);
  return [
    { name: finding.object.name, fullyQualifiedName: object, kind: 'object' },
    ...(finding.field
      ? [
          {
            name: finding.field,
            fullyQualifiedName: `${object}:${finding.field}`,
            kind: 'property',
          },
        ]
      : []),
  ];
}

/** Files skipped or not parsed: the run's notifications, not results. */
function notifications(input: SarifInput, locations: ObjectLocations) {
  const at = (file: string, line?: number) => [
    {
      physicalLocation: {
        artifactLocation: artifactLocation(input.directory, file),
        ...(line !== undefined && { region: { startLine: line } }),
      },
    },
  ];
  return [
    ...input.skipped.map(file => ({
      level: 'warning',
      message: { text: file.message },
      locations: at(file.path),
    })),
    ...input.report.parseFindings.map(finding => ({
      level: 'warning',
      message: {
        text: `document ${finding.documentIndex}${
          finding.itemIndex === undefined ? '' : ` item ${finding.itemIndex}`
        }: ${finding.message}`,
      },
      locations: at(
        finding.file,
        locations.documentLine(finding.file, finding.documentIndex),
      ),
    })),
  ];
}

/** Checks that manifests cannot decide, with the workloads they concern. */
function notEvaluated(report: CheckReport): Record<string, string[]> {
  const byCheck: Record<string, string[]> = {};
  for (const workload of report.workloads) {
    for (const checkId of workload.assessment.workloads[0].notEvaluatedChecks) {
      (byCheck[checkId] ??= []).push(workload.id);
    }
  }
  return byCheck;
}

/** `Application does not run as UID 1337` → `ApplicationDoesNotRunAsUid1337`. */
function identifier(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(word => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function hash(parts: readonly string[]): string {
  return createHash('sha256')
    .update(parts.join('\0'))
    .digest('hex')
    .slice(0, 32);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
