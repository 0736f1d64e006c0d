import { makeStyles, Theme } from '@material-ui/core/styles';

/** The chart's height in pixels. */
export const HEIGHT = 260;

/** The timeline card's styles. */
export const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    borderRadius: 2,
  },
  marker: {
    display: 'inline-block',
    width: 0,
    height: 14,
    borderLeftWidth: 2,
  },
  list: {
    listStyle: 'none',
    padding: 0,
    margin: 0,
    '& > li': {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      padding: theme.spacing(0.5, 0),
    },
  },
  drops: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  dropButton: {
    textTransform: 'none',
  },
  chart: {
    cursor: 'pointer',
  },
}));

/** The colours of the markers, from the theme so both themes read them. */
export function markerColors(theme: Theme) {
  return {
    budget: theme.palette.primary.main,
    postmortem: theme.palette.info.main,
    actionItem: theme.palette.success.main,
    handoff: theme.palette.text.secondary,
    selection: theme.palette.text.primary,
  };
}

/** The dash patterns of the marker lines; postmortems are solid. */
export const DASHES = {
  postmortem: undefined,
  actionItem: '6 3',
  handoff: '2 4',
  drill: '4 2',
};
