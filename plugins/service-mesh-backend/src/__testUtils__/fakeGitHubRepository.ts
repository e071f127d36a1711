/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';

/** The host the GitHub integration of the tests is configured for. */
export const GITHUB_HOST = 'github.test';

/**
 * One GitHub repository's API on 127.0.0.1, the two calls Backstage's
 * `GithubUrlReader.readTree` makes: the commit status of a ref (its sha and
 * the repository's `archive_url`), then the tarball of that sha, whose
 * entries sit under one `<owner>-<repo>-<sha>/` directory as GitHub's do.
 * Checks the integration's bearer token; answers an injected status instead
 * when `failWith` is set, and nothing at all when `hang` is.
 */
export class FakeGitHubRepository {
  readonly owner = 'acme';
  readonly repo = 'deploy';
  /** Requests, by path, in order (`/repos/acme/deploy/tarball/<sha>`, ...). */
  readonly requests: string[] = [];
  /** Answered to every request instead, while set. */
  failWith?: number;
  /** Requests are left unanswered, while set. */
  hang = false;
  readonly #token: string;
  #files: Record<string, string | Buffer> = {};
  #sha = '';
  #server?: Server;

  constructor(options: {
    token: string;
    files: Record<string, string | Buffer>;
  }) {
    this.#token = options.token;
    this.setFiles(options.files);
  }

  /** A new commit on every branch: the tree is now `files`. */
  setFiles(files: Record<string, string | Buffer>): void {
    this.#files = files;
    const hash = createHash('sha1');
    for (const [path, content] of Object.entries(files).sort()) {
      hash.update(path).update('\0').update(content).update('\0');
    }
    this.#sha = hash.digest('hex');
  }

  get sha(): string {
    return this.#sha;
  }

  get apiBaseUrl(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The URL a manifest source is configured with. */
  treeUrl(ref: string, path: string): string {
    return `https://${GITHUB_HOST}/${this.owner}/${this.repo}/tree/${ref}/${path}`;
  }

  /** Tarballs downloaded so far. */
  archiveDownloads(): number {
    return this.requests.filter(path => path.includes('/tarball/')).length;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>(resolve => this.#server?.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push(pathname);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.hang) return;
    if (this.failWith) {
      json(this.failWith, { message: `injected ${this.failWith}` });
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.#token}`) {
      json(401, { message: 'Bad credentials' });
      return;
    }
    const repository = `/repos/${this.owner}/${this.repo}`;
    if (
      pathname.startsWith(`${repository}/commits/`) &&
      pathname.endsWith('/status')
    ) {
      json(200, {
        sha: this.#sha,
        repository: {
          archive_url: `${this.apiBaseUrl}${repository}/{archive_format}{/ref}`,
        },
      });
      return;
    }
    if (pathname === `${repository}/tarball/${this.#sha}`) {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.end(await this.#tarball());
      return;
    }
    json(404, { message: 'Not Found' });
  }

  /** The tree as GitHub packs it: gzipped tar, one top directory. */
  async #tarball(): Promise<Buffer> {
    const workDir = await mkdtemp(join(tmpdir(), 'meshwise-tarball-'));
    const top = `${this.owner}-${this.repo}-${this.#sha.slice(0, 7)}`;
    try {
      for (const [path, content] of Object.entries(this.#files)) {
        const file = join(workDir, top, path);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of createTar({ gzip: true, cwd: workDir }, [
        top,
      ])) {
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
}
