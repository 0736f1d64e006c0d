import { z } from 'zod';
import {
  csv,
  entityRefSchema,
  pageLimitSchema,
  queryFlag,
  refFilterSchema,
  userRefSchema,
} from './requestFields';

/** The value a schema parses `input` to, or the messages of its problems. */
function parsed(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success
    ? { value: result.data }
    : { problems: result.error.issues.map(issue => issue.message) };
}

describe('request fields', () => {
  it.each([
    [
      'a ref as the catalog writes it',
      'Component:Default/Checkout',
      {
        value: 'component:default/checkout',
      },
    ],
    [
      'a ref without a namespace',
      'group:team-a',
      { value: 'group:default/team-a' },
    ],
    [
      'a name without a kind',
      'checkout',
      {
        problems: [
          'not an entity ref (expected kind:namespace/name): checkout',
        ],
      },
    ],
  ])('entity refs: %s', (_case, input, expected) => {
    expect(parsed(entityRefSchema, input)).toEqual(expected);
  });

  it.each([
    ['a bare name', 'Jane.Doe', { value: 'user:default/jane.doe' }],
    ['a user ref', 'user:ops/joe', { value: 'user:ops/joe' }],
    [
      'a group ref',
      'group:default/team-a',
      {
        problems: [
          'not a user ref (expected user:namespace/name): group:default/team-a',
        ],
      },
    ],
  ])('user refs: %s', (_case, input, expected) => {
    expect(parsed(userRefSchema, input)).toEqual(expected);
  });

  it.each([
    [
      'a bare name of the default kind',
      ' team-a ',
      { value: 'group:default/team-a' },
    ],
    [
      'a full ref of another kind',
      'user:default/jane',
      {
        value: 'user:default/jane',
      },
    ],
    [
      'an empty name',
      'group:default/',
      {
        problems: ['not an entity ref: group:default/'],
      },
    ],
  ])('ref filters: %s', (_case, input, expected) => {
    expect(parsed(refFilterSchema('group'), input)).toEqual(expected);
  });

  it.each([
    ['comma-separated', 'SEV1, SEV2', { value: ['SEV1', 'SEV2'] }],
    [
      'the parameter repeated',
      ['SEV1', 'SEV2,SEV3'],
      {
        value: ['SEV1', 'SEV2', 'SEV3'],
      },
    ],
    ['from a typed client', ['SEV1'], { value: ['SEV1'] }],
  ])('lists: %s', (_case, input, expected) => {
    expect(parsed(csv(z.string()), input)).toEqual(expected);
  });

  it.each([
    ['true', { value: true }],
    ['false', { value: false }],
    [true, { value: true }],
    [false, { value: false }],
    ['yes', { problems: ['must be true or false'] }],
    [['true', 'false'], { problems: ['must be true or false'] }],
  ])('flags: %p', (input, expected) => {
    expect(parsed(queryFlag('must be true or false'), input)).toEqual(expected);
  });

  it.each([
    [undefined, { value: 20 }],
    ['50', { value: 50 }],
    [50, { value: 50 }],
    ['0', { problems: ['Too small: expected number to be >=1'] }],
    ['ten', { problems: ['Invalid input: expected number, received NaN'] }],
  ])('page limits: %p', (input, expected) => {
    expect(parsed(pageLimitSchema, input)).toEqual(expected);
  });
});
