import { Typography } from '@material-ui/core';
import type {
  KnowledgeFact,
  MeshEntry,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { DetailsButton } from './DetailsButton';
import { SourceDetails } from './SourceDetails';

/** A descriptive fact (licence, CNCF status…) as text; click for its source. */
export function FactCell(props: {
  entry: MeshEntry;
  factTitle: string;
  fact: KnowledgeFact<string>;
  format?: (value: string) => string;
}) {
  const { entry, factTitle, fact, format = v => v } = props;
  const text = format(fact.value);
  return (
    <DetailsButton
      label={`${entry.name}, ${factTitle}: ${text}`}
      details={
        <SourceDetails
          title={`${entry.name}: ${factTitle}`}
          value={text}
          note={fact.note}
          source={fact.source}
          checkedOn={fact.checkedOn}
        />
      }
    >
      <Typography variant="caption">{text}</Typography>
    </DetailsButton>
  );
}
