import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import {
  EntityFileKinds,
  resolveEntityFileLocation,
} from './resolveEntityFileLocation';

const YAML: EntityFileKinds = { files: /\.ya?ml$/i, otherUrls: 'file' };
const RUNBOOKS: EntityFileKinds = {
  files: /\.(ya?ml|md)$/i,
  otherUrls: 'folder',
};

const REPO = 'https://git.example.com/acme/shop/blob/main/services/cart';
const LOCAL = path.resolve('/srv/catalog/cart');

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart', annotations },
  };
}

const fromUrl = entity({
  'backstage.io/managed-by-location': `url:${REPO}/catalog-info.yaml`,
  // Set by the entity's own file: never a base.
  'backstage.io/source-location': 'url:https://evil.example/',
});
const fromFile = entity({
  'backstage.io/managed-by-location': `file:${LOCAL}/catalog-info.yaml`,
  'backstage.io/source-location': 'file:/etc/',
});

describe('resolveEntityFileLocation', () => {
  it.each([
    // Absolute URLs are the UrlReader's to allow or refuse.
    [
      'url:https://other.example/x.yaml',
      YAML,
      { type: 'url', target: 'https://other.example/x.yaml', folder: false },
    ],
    [
      'https://other.example/slo',
      YAML,
      { type: 'url', target: 'https://other.example/slo', folder: false },
    ],
    [
      'https://other.example/runbooks',
      RUNBOOKS,
      { type: 'url', target: 'https://other.example/runbooks', folder: true },
    ],
    [
      'url: https://other.example/dir/',
      YAML,
      { type: 'url', target: 'https://other.example/dir/', folder: true },
    ],
    // Relative paths against the catalog file's folder, never the source-location.
    [
      './openslo.yaml',
      YAML,
      { type: 'url', target: `${REPO}/openslo.yaml`, folder: false },
    ],
    [
      'file:openslo',
      YAML,
      { type: 'url', target: `${REPO}/openslo`, folder: false },
    ],
    ['dir:./slos', YAML, { type: 'url', target: `${REPO}/slos`, folder: true }],
    ['dir:', YAML, { type: 'url', target: `${REPO}/`, folder: true }],
    [
      './runbooks',
      RUNBOOKS,
      { type: 'url', target: `${REPO}/runbooks`, folder: true },
    ],
    [
      'runbooks/db.md',
      RUNBOOKS,
      { type: 'url', target: `${REPO}/runbooks/db.md`, folder: false },
    ],
    [
      './a/../b.yaml',
      YAML,
      { type: 'url', target: `${REPO}/b.yaml`, folder: false },
    ],
  ])('resolves %p from a URL catalog file', (value, kinds, expected) => {
    expect(
      resolveEntityFileLocation(fromUrl, value, kinds as EntityFileKinds),
    ).toEqual(expected);
  });

  it.each([
    ['./openslo.yaml', path.join(LOCAL, 'openslo.yaml')],
    ['file:openslo.yaml', path.join(LOCAL, 'openslo.yaml')],
    ['dir:./runbooks', path.join(LOCAL, 'runbooks')],
    ['dir:.', LOCAL],
    ['..cart/x.yaml', path.join(LOCAL, '..cart', 'x.yaml')],
  ])('resolves %p from a local catalog file', (value, target) => {
    expect(resolveEntityFileLocation(fromFile, value, YAML)).toEqual({
      type: 'file',
      target,
      base: LOCAL,
    });
  });

  it.each([
    // Another origin, or the same origin outside the folder.
    [fromUrl, '//evil.example/x.yaml'],
    [fromUrl, 'file:https://evil.example/x.yaml'],
    [fromUrl, 'dir:http://127.0.0.1:9090/'],
    [fromUrl, '../x.yaml'],
    [fromUrl, '../../../../other/blob/main/x.yaml'],
    [fromUrl, '/acme/shop/blob/main/x.yaml'],
    [fromUrl, './%2e%2e/%2e%2e/x.yaml'],
    [fromUrl, './a%2f..%2f..%2fx.yaml'],
    [fromUrl, './x.yaml?ref=other'],
    [fromUrl, './x.yaml#top'],
    [fromUrl, 'mailto:someone@example.com'],
    // Outside the local folder.
    [fromFile, '../../etc/passwd'],
    [fromFile, '/etc/passwd'],
    [fromFile, 'file:/dev/zero'],
    [fromFile, 'dir:..'],
  ])('refuses a path that leaves the folder: %#', (from, value) => {
    expect(() => resolveEntityFileLocation(from, value, YAML)).toThrow(
      /leaves the folder of the entity's catalog file/,
    );
  });

  it.each([
    [fromUrl, 'url:file:///etc/passwd', /url: needs an absolute http\(s\) URL/],
    [fromUrl, 'url:./x.yaml', /url: needs an absolute http\(s\) URL/],
    [fromUrl, '  ', /names no location/],
    [fromFile, 'a\\..\\..\\x.yaml', /is not a relative path/],
    [fromFile, './x\n.yaml', /is not a relative path/],
    [entity({}), './openslo.yaml', /has no backstage.io\/managed-by-location/],
    [
      entity({ 'backstage.io/managed-by-location': 'github:org/repo' }),
      './openslo.yaml',
      /against the entity's github location/,
    ],
  ])('refuses %#: %p', (from, value, message) => {
    expect(() => resolveEntityFileLocation(from, value, YAML)).toThrow(
      InputError,
    );
    expect(() => resolveEntityFileLocation(from, value, YAML)).toThrow(message);
  });

  it('quotes a long value only in part', () => {
    const value = `../${'x'.repeat(500)}`;
    expect(() => resolveEntityFileLocation(fromFile, value, YAML)).toThrow(
      /^"\.\.\/x{96}…" leaves the folder/,
    );
  });
});
