import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { PeoplePicker } from './PeoplePicker';
import {
  mockCatalogApi,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
} from '../../__testUtils__';

function Single(props: {
  initial: string | null;
  onChange: (ref: string | null) => void;
  kinds?: Array<'User' | 'Group'>;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <PeoplePicker
      id="owner"
      label="Owner"
      kinds={props.kinds}
      value={value}
      onChange={ref => {
        setValue(ref);
        props.onChange(ref);
      }}
    />
  );
}

function Multiple(props: {
  initial: string[];
  onChange: (refs: string[]) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <PeoplePicker
      multiple
      id="reviewers"
      label="Reviewers"
      value={value}
      onChange={refs => {
        setValue(refs);
        props.onChange(refs);
      }}
    />
  );
}

describe('<PeoplePicker />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const onChange = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('searches the catalog as you type and stores the ref of the one picked', async () => {
    const catalogApi = mockCatalogApi();
    await renderWithApis(<Single initial={null} onChange={onChange} />, {
      api,
      catalogApi,
      entity: null,
    });

    await userEvent.type(screen.getByLabelText('Owner'), 'jon');
    // One small page of users, matched by the catalog on names.
    await waitFor(() =>
      expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filter: { kind: ['User'] },
          fullTextFilter: {
            term: 'jon',
            fields: [
              'metadata.name',
              'metadata.title',
              'spec.profile.displayName',
            ],
          },
          limit: 20,
        }),
      ),
    );
    const option = await screen.findByRole('option', { name: /Jonas Weber/ });
    expect(option).toHaveTextContent('user:default/jonas.weber');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    await userEvent.click(option);

    expect(onChange).toHaveBeenLastCalledWith('user:default/jonas.weber');
    expect(screen.getByLabelText('Owner')).toHaveValue('Jonas Weber');
  });

  it('offers teams when asked to, with their display names', async () => {
    await renderWithApis(
      <Single initial={null} onChange={onChange} kinds={['User', 'Group']} />,
      { api, entity: null },
    );

    await pickPerson(screen.getByLabelText('Owner'), 'pay', /Team Payments/);

    expect(onChange).toHaveBeenLastCalledWith('group:default/team-payments');
  });

  it('shows a stored person with their display name and avatar', async () => {
    await renderWithApis(
      <Single initial="user:default/jonas.weber" onChange={onChange} />,
      { api, entity: null },
    );

    await waitFor(() =>
      expect(screen.getByLabelText('Owner')).toHaveValue('Jonas Weber'),
    );
    expect(screen.getByText('JW')).toBeInTheDocument();
  });

  it('shows a stored ref the catalog does not have as unknown, to be cleared', async () => {
    await renderWithApis(
      <Single initial="user:default/gone" onChange={onChange} />,
      { api, entity: null },
    );

    const input = screen.getByLabelText('Owner');
    await waitFor(() =>
      expect(input).toHaveValue('Unknown (user:default/gone)'),
    );
    expect(
      screen.getByText(/Not in the catalog: user:default\/gone/),
    ).toBeInTheDocument();
    await userEvent.click(input);
    // Shown while the field has focus.
    await userEvent.click(screen.getByTitle('Clear'));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(input).toHaveValue('');
  });

  it('does not call a stored person unknown when the catalog cannot be asked', async () => {
    const catalogApi = mockCatalogApi();
    catalogApi.getEntitiesByRefs.mockRejectedValue(new Error('catalog down'));
    await renderWithApis(
      <Single initial="user:default/jonas.weber" onChange={onChange} />,
      { api, catalogApi, entity: null },
    );

    await waitFor(() =>
      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalled(),
    );
    // Named by the ref until the catalog answers again.
    await waitFor(() =>
      expect(screen.getByLabelText('Owner')).toHaveValue('jonas.weber'),
    );
    expect(screen.queryByText(/Not in the catalog/)).not.toBeInTheDocument();
  });

  it('picks several people and removes one', async () => {
    await renderWithApis(
      <Multiple initial={['user:default/jane']} onChange={onChange} />,
      { api, entity: null },
    );
    expect(await screen.findByText('Jane Doe')).toBeInTheDocument();

    await pickPerson(
      screen.getByLabelText('Reviewers'),
      'priya',
      /Priya Raman/,
    );
    expect(onChange).toHaveBeenLastCalledWith([
      'user:default/jane',
      'user:default/priya.raman',
    ]);

    const jane = screen.getByText('Jane Doe').closest('[role="button"]')!;
    await userEvent.click(jane.querySelector('.MuiChip-deleteIcon')!);
    expect(onChange).toHaveBeenLastCalledWith(['user:default/priya.raman']);
  });
});
