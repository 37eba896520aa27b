/**
 * Which link targets a brief may carry. A PDF or DOCX link is followed by the reader's
 * operating system, and schemes such as ms-msdt:, search-ms:, smb:, file: or javascript: run
 * programs, open shares or leak credentials: only web and mail addresses are links. Every
 * stage that makes or draws a link asks here (Markdown, markup, the PDF and DOCX writers), so
 * a link the model refuses is text in both formats alike.
 */

/** The schemes a link may have, lowercase, with their colon. */
export const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

/**
 * Whether `url` may be a link: an http, https or mailto address with no control characters
 * or spaces (which readers strip, turning "java\tscript:" into "javascript:").
 */
export function isAllowedLinkUrl(url: string): boolean {
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(url)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !(LINK_SCHEMES as readonly string[]).includes(scheme)) return false;
  // A web address needs a host: "https:evil" and "https:///x" are not addresses.
  if (scheme !== 'mailto:' && !/^https?:\/\/[^/?#\\]+/i.test(url)) return false;
  return true;
}
