import { mockServices } from '@backstage/backend-test-utils';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ENTITY_FILE_LIMITS } from './limits';
import { readEntityFiles } from './readEntityFiles';

const YAML = /\.ya?ml$/i;
const KIB = 1024;

describe('readEntityFiles', () => {
  let tmp: string;
  let base: string;

  beforeEach(() => {
    tmp = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'entity-files-')),
    );
    base = path.join(tmp, 'repo');
    fs.mkdirSync(base);
  });

  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const write = (relative: string, text: string) => {
    const file = path.join(base, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };

  const local = (relative: string) =>
    readEntityFiles(
      { type: 'file', target: path.join(base, relative), base },
      { urlReader: mockServices.urlReader.mock(), files: YAML },
    );

  describe('local files', () => {
    it('reads one file, or the wanted files of a folder by relative name', async () => {
      write('openslo.yaml', 'a: 1');
      write('slos/b.yaml', 'b: 2');
      write('slos/a.yml', 'a: 1');
      write('slos/readme.md', '# not wanted');
      write('slos/deeper/c.yaml', 'c: 3');
      write('slos/.git/d.yaml', 'hidden');
      expect(await local('openslo.yaml')).toEqual({
        files: [{ name: 'openslo.yaml', path: '', text: 'a: 1' }],
      });
      expect(await local('slos')).toEqual({
        files: [
          { name: 'slos/a.yml', path: 'a.yml', text: 'a: 1' },
          { name: 'slos/b.yaml', path: 'b.yaml', text: 'b: 2' },
          { name: 'slos/deeper/c.yaml', path: 'deeper/c.yaml', text: 'c: 3' },
        ],
      });
    });

    it('follows a symbolic link that stays in the folder, and no other', async () => {
      write('real/a.yaml', 'a: 1');
      fs.writeFileSync(path.join(tmp, 'secret.yaml'), 'secret: 1');
      fs.symlinkSync(
        path.join(base, 'real', 'a.yaml'),
        path.join(base, 'inside.yaml'),
      );
      fs.symlinkSync(
        path.join(tmp, 'secret.yaml'),
        path.join(base, 'out.yaml'),
      );
      expect((await local('inside.yaml')).files[0].text).toBe('a: 1');
      await expect(local('out.yaml')).rejects.toThrow(NotAllowedError);
      await expect(local('out.yaml')).rejects.toThrow(
        "out.yaml leaves the folder of the entity's catalog file through a symbolic link",
      );
      // A linked folder is not walked into; a linked file out is refused.
      fs.symlinkSync(tmp, path.join(base, 'real', 'up'));
      expect((await local('real')).files.map(f => f.name)).toEqual([
        'real/a.yaml',
      ]);
      fs.symlinkSync(
        path.join(tmp, 'secret.yaml'),
        path.join(base, 'real', 'z.yaml'),
      );
      await expect(local('real')).rejects.toThrow(
        "real/z.yaml leaves the folder of the entity's catalog file",
      );
    });

    it('reads only regular files', async () => {
      fs.symlinkSync('/dev/null', path.join(base, 'null.yaml'));
      await expect(local('null.yaml')).rejects.toThrow(/leaves the folder/);
      fs.unlinkSync(path.join(base, 'null.yaml'));
      // A FIFO inside the folder would block a plain read until a writer comes.
      execFileSync('mkfifo', [path.join(base, 'pipe.yaml')]);
      await expect(local('pipe.yaml')).rejects.toThrow(
        'pipe.yaml is not a regular file',
      );
      await expect(local('.')).rejects.toThrow(
        'pipe.yaml is not a regular file',
      );
    });

    it('caps the size of a file, and the number and depth of files in a folder', async () => {
      write('max.yaml', 'x'.repeat(ENTITY_FILE_LIMITS.maxFileBytes));
      write('big.yaml', 'x'.repeat(ENTITY_FILE_LIMITS.maxFileBytes + 1));
      expect((await local('max.yaml')).files[0].text).toHaveLength(512 * KIB);
      await expect(local('big.yaml')).rejects.toThrow(
        'big.yaml is larger than 512 KiB; split it into smaller files',
      );
      write('deep/1/2/3/4/ok.yaml', 'ok: 1');
      write('deep/1/2/3/4/5/too-deep.yaml', 'no: 1');
      expect((await local('deep')).files.map(f => f.path)).toEqual([
        '1/2/3/4/ok.yaml',
      ]);
      for (let i = 0; i <= ENTITY_FILE_LIMITS.maxFiles; i++) {
        write(`many/${i}.yaml`, '');
      }
      await expect(local('many')).rejects.toThrow(
        'many holds more than 500 files; name a smaller folder',
      );
    });

    it('names a missing file without the host path', async () => {
      const error = await local('nope.yaml').catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe('nope.yaml does not exist');
    });
  });

  describe('URLs', () => {
    const URL_FILE = 'https://git.example.com/acme/shop/blob/main/openslo.yaml';
    const TREE = 'https://git.example.com/acme/shop/blob/main/slos';

    it('stops reading a response at the cap', async () => {
      let pulled = 0;
      const endless = new Readable({
        read() {
          pulled += 64 * KIB;
          this.push(Buffer.alloc(64 * KIB, 'a'));
        },
      });
      const urlReader = mockServices.urlReader.mock({
        readUrl: async () =>
          ({
            buffer: async () => Buffer.alloc(0),
            stream: () => endless,
          } as any),
      });
      await expect(
        readEntityFiles(
          { type: 'url', target: URL_FILE, folder: false },
          { urlReader, files: YAML },
        ),
      ).rejects.toThrow(`${URL_FILE} is larger than 512 KiB`);
      expect(pulled).toBeLessThan(2 * 512 * KIB);
      expect(endless.destroyed).toBe(true);
    });

    it('passes the ETag, and NotModifiedError back', async () => {
      const urlReader = mockServices.urlReader.mock({
        readUrl: jest.fn(async (_url: string, options?: { etag?: string }) => {
          if (options?.etag === 'v1') {
            throw new NotModifiedError();
          }
          return {
            buffer: async () => Buffer.from('a: 1'),
            stream: () => Readable.from([Buffer.from('a: 1')]),
            etag: 'v1',
          } as any;
        }),
      });
      const location = {
        type: 'url' as const,
        target: URL_FILE,
        folder: false,
      };
      expect(
        await readEntityFiles(location, { urlReader, files: YAML }),
      ).toEqual({
        files: [{ name: URL_FILE, path: '', text: 'a: 1' }],
        etag: 'v1',
      });
      await expect(
        readEntityFiles(location, { urlReader, files: YAML, etag: 'v1' }),
      ).rejects.toThrow(NotModifiedError);
    });

    it('reads a tree within the caps, skipping files too deep or hidden', async () => {
      const files: Record<string, number> = {
        'a.yaml': 10,
        'sub/b.yaml': 10,
        '.github/c.yaml': 10,
        '1/2/3/4/5/d.yaml': 10,
        'e.md': 10,
      };
      const readTree = jest.fn(async (_url: string, options?: any) => {
        const kept = Object.entries(files).filter(([file, size]) =>
          options.filter(file, { size }),
        );
        return {
          etag: 't1',
          files: async () =>
            kept.map(([file, size]) => ({
              path: file,
              content: async () => Buffer.alloc(size, 'a'),
            })),
        } as any;
      });
      const urlReader = mockServices.urlReader.mock({ readTree });
      const location = { type: 'url' as const, target: TREE, folder: true };
      expect(
        await readEntityFiles(location, { urlReader, files: YAML }),
      ).toEqual({
        files: [
          { name: `${TREE}/a.yaml`, path: 'a.yaml', text: 'a'.repeat(10) },
          {
            name: `${TREE}/sub/b.yaml`,
            path: 'sub/b.yaml',
            text: 'a'.repeat(10),
          },
        ],
        etag: 't1',
      });
      files['big.yaml'] = 512 * KIB + 1;
      await expect(
        readEntityFiles(location, { urlReader, files: YAML }),
      ).rejects.toThrow(`${TREE}/big.yaml is larger than 512 KiB`);
    });

    it('says how to allow a refused host, and quotes no response', async () => {
      const refusing = mockServices.urlReader.mock({
        readUrl: async (url: string) => {
          throw new NotAllowedError(`Reading from '${url}' is not allowed.`);
        },
      });
      await expect(
        readEntityFiles(
          { type: 'url', target: 'http://10.0.0.1/x.yaml', folder: false },
          { urlReader: refusing, files: YAML },
        ),
      ).rejects.toThrow(
        'reading http://10.0.0.1/x.yaml is not allowed: add its host to backend.reading.allow or configure an integration for it',
      );
      const failing = mockServices.urlReader.mock({
        readUrl: async () => {
          throw new Error(`could not read, 500 Oops\n${'body '.repeat(1000)}`);
        },
      });
      await expect(
        readEntityFiles(
          { type: 'url', target: URL_FILE, folder: false },
          { urlReader: failing, files: YAML },
        ),
      ).rejects.toThrow(/^could not read, 500 Oops$/);
    });
  });
});
