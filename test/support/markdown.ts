/** What a translated README must keep exactly as the English one has it. */

/**
 * The commands of every fenced `sh` block, in order, as a reader would type them: comment lines
 * dropped, a trailing ` # comment` cut (a translation translates comments, never commands).
 */
export function shellCommands(markdown: string): string[][] {
  const blocks: string[][] = [];
  let block: string[] | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^\s*```(\w*)\s*$/.exec(line);
    if (fence !== null) {
      if (block === undefined && fence[1] === 'sh') block = [];
      else if (block !== undefined) {
        blocks.push(block);
        block = undefined;
      }
      continue;
    }
    if (block === undefined) continue;
    const command = line.replace(/\s+#\s.*$/, '').trimEnd();
    if (command.trim() === '' || command.trim().startsWith('#')) continue;
    block.push(command.trim());
  }
  return blocks;
}

/**
 * The first cell of every table row that names a setting, a variable, a tag or a command (a cell
 * that starts with a backtick), in order: what a translation must keep as it is.
 */
export function settingNames(markdown: string): string[] {
  return markdown.split('\n').flatMap((line) => {
    const cell = /^\s*\|\s*(`[^|]*?(?:\\\|[^|]*?)*)\s*\|/.exec(line)?.[1];
    return cell === undefined ? [] : [cell.trim()];
  });
}

/** The lines of `markdown` outside fenced code blocks, with inline code spans blanked. */
function proseLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (opening !== undefined) {
      if (fence === undefined) fence = opening;
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence === undefined) lines.push(line.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length)));
  }
  return lines;
}

/**
 * The anchor GitHub gives a heading: its text without markup, lower-cased, every character but
 * letters (CJK included), digits, `_`, `-` and spaces dropped, and spaces turned into `-`.
 */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor, a repeated one numbered as GitHub numbers it (`-1`, `-2`, ...). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (opening !== undefined) {
      if (fence === undefined) fence = opening;
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const heading = fence === undefined ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading === undefined) continue;
    const anchor = headingAnchor(heading);
    const count = seen.get(anchor) ?? 0;
    seen.set(anchor, count + 1);
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
  }
  return anchors;
}

/**
 * The target of every link that stays inside the repository (`[text](target)` and `[ref]: target`),
 * outside code: web addresses and `mailto:` left out.
 */
export function relativeLinks(markdown: string): string[] {
  return proseLines(markdown).flatMap((line) => {
    const inline = [...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
      (match) => match[1] ?? '',
    );
    const reference = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line)?.[1];
    return [...inline, ...(reference === undefined ? [] : [reference])].filter(
      (target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target),
    );
  });
}
