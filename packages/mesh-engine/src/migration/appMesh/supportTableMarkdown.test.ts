import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_MESH_TRANSLATION_SUPPORT } from '.';
import { LATTICE_SUPPORT } from './emit/lattice';
import { supportTableMarkdown } from './supportTableMarkdown';

/** Markdown as prettier may lay it out: cell padding and rule widths aside. */
const normalise = (markdown: string) =>
  markdown
    .split('\n')
    .map(line => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

describe('supportTableMarkdown', () => {
  const markdown = supportTableMarkdown(APP_MESH_TRANSLATION_SUPPORT);

  it('gives each target family a column, Istio modes sharing one', () => {
    const [header] = markdown.split('\n');
    expect(header).toBe(
      '| App Mesh | Istio (sidecar), Istio (ambient) | Linkerd | Consul | Kuma / Kong Mesh | Cilium | Amazon VPC Lattice (Gateway API) |',
    );
    expect(markdown).toContain(
      '| Retries | carried | carried | manual | carried | carried | manual |',
    );
  });

  it('says why for every feature a target leaves to a person', () => {
    expect(markdown).toContain(`- Retries: ${LATTICE_SUPPORT.retries.why}`);
  });

  it('is the table the package README shows', () => {
    const readme = readFileSync(
      resolve(__dirname, '../../../README.md'),
      'utf8',
    );
    const documented = readme.slice(
      readme.indexOf('<!-- support-table:start -->') +
        '<!-- support-table:start -->'.length,
      readme.indexOf('<!-- support-table:end -->'),
    );
    // On a mismatch, paste supportTableMarkdown(APP_MESH_TRANSLATION_SUPPORT)
    // between the markers of README.md and run prettier on it.
    expect(normalise(documented)).toBe(normalise(markdown));
  });
});
