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
