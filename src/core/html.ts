/**
 * Telegram HTML parse mode needs exactly `<`, `>` and `&` escaped in every dynamic value. Instance
 * names such as `web_1` are safe here, where legacy Markdown would lose the whole message.
 */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text a reader sees, for terminals and logs: tags dropped, the three escapes undone. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
