/**
 * How SMS counts a text: in the GSM-7 alphabet when every character is in it (160 characters a
 * segment, 153 once split; an extension character such as `[` or `€` takes two), else in UCS-2
 * (70 UTF-16 units a segment, 67 once split). Each segment is billed; one SMS publish is at most
 * 1,600 characters.
 */

/** GSM 03.38's basic table (the escape code left out). */
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Its extension table: each one is sent as the escape code and itself. */
const EXTENSION = new Set('\f^{}\\[~]|€');

/** The most one SMS publish carries, in characters. */
export const SMS_PUBLISH_MAX_CHARS = 1_600;

/** The alphabet a phone gets `text` in. */
export function smsEncoding(text: string): 'GSM-7' | 'UCS-2' {
  return [...text].every((char) => BASIC.has(char) || EXTENSION.has(char)) ? 'GSM-7' : 'UCS-2';
}

/** How many billed segments `text` is sent as. */
export function smsSegments(text: string): number {
  if (smsEncoding(text) === 'GSM-7') {
    const septets = [...text].reduce((sum, char) => sum + (EXTENSION.has(char) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}
