import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Picks a person in a people picker the way a user does: clears the input,
 * types `search`, and clicks the catalog's answer whose name matches
 * `option`.
 */
export async function pickPerson(
  input: HTMLElement,
  search: string,
  option: string | RegExp,
) {
  await userEvent.clear(input);
  await userEvent.type(input, search);
  await userEvent.click(await screen.findByRole('option', { name: option }));
}
