import { makeStyles } from '@material-ui/core/styles';

/**
 * Keeps words whole in the tables inside an element. Backstage's theme lets
 * table cells break anywhere (`word-break: break-word`), so the browser may
 * narrow a column below its longest word and split it ("Names pace") even
 * where the table would fit. With `wholeWords`, it wraps at spaces only.
 */
export const useWholeWordsStyles = makeStyles({
  wholeWords: { '& th, & td': { wordBreak: 'normal' } },
});
