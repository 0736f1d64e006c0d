import { CatalogAutocomplete } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // The catalog's autocomplete is styled for filter columns; here the text
  // field draws its own label.
  wrapper: { '& > div': { margin: 0 } },
  root: { margin: 0 },
  inputRoot: { marginTop: 0 },
});

/** Used where the browser cannot list its zones. */
const FALLBACK_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** Every IANA zone the browser knows, once. */
let zones: string[] | undefined;
function allZones(): string[] {
  if (!zones) {
    const supported = (
      Intl as { supportedValuesOf?: (key: string) => string[] }
    ).supportedValuesOf?.('timeZone');
    zones = supported?.length
      ? Array.from(new Set(['UTC', ...supported]))
      : FALLBACK_ZONES;
  }
  return zones;
}

/**
 * Picks an IANA time zone from the list the browser knows, searched as one
 * types ("tokyo" finds `Asia/Tokyo`).
 *
 * @internal
 */
export function TimeZoneField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  helperText?: string;
}) {
  const { id, label, value, onChange, error, helperText } = props;
  const classes = useStyles();
  return (
    <div className={classes.wrapper}>
      <CatalogAutocomplete<string, false, true, false>
        id={id}
        name={id}
        options={allZones()}
        value={value}
        disableClearable
        onChange={(_, zone) => onChange(zone)}
        getOptionLabel={zone => zone.replace(/_/g, ' ')}
        size="small"
        fullWidth
        classes={{ root: classes.root, inputRoot: classes.inputRoot }}
        ListboxProps={{ style: { maxHeight: 280 } }}
        renderInput={params => (
          <TextField
            {...params}
            label={label}
            margin="dense"
            error={Boolean(error)}
            helperText={error ?? helperText}
          />
        )}
      />
    </div>
  );
}
