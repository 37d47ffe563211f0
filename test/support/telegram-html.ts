/**
 * What Telegram's HTML parse mode would refuse in a text ("can't parse entities"): a `<` that does
 * not open or close one of the tags the guard uses, a tag left open or closed out of order, or an
 * `&` that does not start one of the three escapes. An empty list means the text parses.
 */
export function telegramHtmlProblems(text: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)(b|code)>|<|&(?:amp|lt|gt);|&/g;
  for (const match of text.matchAll(token)) {
    const [whole, closing, tag] = match;
    if (tag !== undefined) {
      if (closing === '') open.push(tag);
      else if (open.pop() !== tag) problems.push(`</${tag}> closes nothing at ${match.index}`);
    } else if (whole === '<') problems.push(`unescaped < at ${match.index}`);
    else if (whole === '&') problems.push(`unescaped & at ${match.index}`);
  }
  if (open.length > 0) problems.push(`unclosed ${open.map((tag) => `<${tag}>`).join(', ')}`);
  return problems;
}
