import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchor, headingAnchors, relativeLinks } from './support/markdown.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function markdownUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return markdownUnder(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const pages = [
  ...['README.md', 'README.zh-CN.md', 'ARCHITECTURE.md', 'BENCHMARKS.md', 'CHANGELOG.md'].map((name) =>
    join(root, name),
  ),
  ...markdownUnder(join(root, 'docs')),
];

/** Each link of `page` that leads nowhere: a file that does not exist, or a heading the file lacks. */
function brokenLinks(page: string): string[] {
  const text = readFileSync(page, 'utf8');
  return relativeLinks(text).flatMap((link) => {
    const [path = '', anchor] = link.split('#');
    const target = path === '' ? page : resolve(dirname(page), decodeURI(path));
    if (!existsSync(target)) return [`${link}: no such file`];
    if (anchor === undefined || anchor === '') return [];
    if (!statSync(target).isFile() || !target.endsWith('.md')) return [`${link}: an anchor into a non-page`];
    const anchors = headingAnchors(readFileSync(target, 'utf8'));
    return anchors.has(decodeURIComponent(anchor)) ? [] : [`${link}: no such heading`];
  });
}

describe('the documentation', () => {
  it.each(pages.map((page) => [relative(root, page), page]))(
    '%s: every relative link leads to a file, and every #anchor to a heading in it',
    (_name, page) => {
      expect(existsSync(page)).toBe(true);
      expect(brokenLinks(page)).toEqual([]);
    },
  );

  it('the docs folder has its pages, and the front page links to each of them', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const linked = new Set(relativeLinks(readme).map((link) => link.split('#')[0]));
    const english = markdownUnder(join(root, 'docs')).filter((page) => !page.includes('zh-CN'));

    expect(english.length).toBeGreaterThanOrEqual(8);
    for (const page of english) expect(linked, relative(root, page)).toContain(relative(root, page));
    expect(linked).toContain('ARCHITECTURE.md');
  });
});

describe('what the link check sees', () => {
  it('makes heading anchors as GitHub does: lower case, punctuation dropped, CJK kept', () => {
    expect(headingAnchor('Burst reserve (`BURST_MBPS`)')).toBe('burst-reserve-burst_mbps');
    expect(headingAnchor('3. See it work')).toBe('3-see-it-work');
    expect(headingAnchor('Without CDK: the AWS console')).toBe('without-cdk-the-aws-console');
    expect(headingAnchor('Lambda 上的 Webhook 和推送渠道：一个 SSM 参数')).toBe(
      'lambda-上的-webhook-和推送渠道一个-ssm-参数',
    );
    expect(headingAnchor('突发预留（`BURST_MBPS`）')).toBe('突发预留burst_mbps');
  });

  it('numbers a repeated heading and ignores lines starting with # inside code', () => {
    const page = '# Notes\n\n## Usage\n\n```sh\n# Usage\n```\n\n## Usage\n';

    expect([...headingAnchors(page)]).toEqual(['notes', 'usage', 'usage-1']);
  });

  it('reads links and link definitions in prose, not in code, and leaves web addresses out', () => {
    const page = [
      'See [Deploy](docs/deploy.md#iam-policy), [the top](#top) and [AWS](https://aws.amazon.com/).',
      '`[not](a-link.md)`',
      '```md',
      '[also not](inside-code.md)',
      '```',
      '[ref]: BENCHMARKS.md',
    ].join('\n');

    expect(relativeLinks(page)).toEqual(['docs/deploy.md#iam-policy', '#top', 'BENCHMARKS.md']);
  });
});
