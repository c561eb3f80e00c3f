/**
 * Downloading a file a staff member sent the bot in personal chat. Teams hands the bot a
 * `file.download.info` attachment whose `downloadUrl` is a short-lived, pre-authenticated link to
 * the sender's OneDrive (SharePoint). Only https links to Microsoft's SharePoint hosts are
 * fetched (plus hosts given by configuration: the tests' local stand-in), never followed through
 * a redirect, size-limited and timed out: the link comes in an activity, which anyone who can
 * post to the endpoint writes.
 */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const SHAREPOINT_DOMAINS = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us', '.sharepoint.cn'];

export type DownloadLimits = { maxBytes: number; timeoutMs: number; extraHosts?: readonly string[] };

/** A file that cannot be fetched; `message` can be shown to the sender. */
export class FileDownloadError extends Error {}

export function fileUrlAllowed(downloadUrl: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(downloadUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return SHAREPOINT_DOMAINS.some((domain) => host.endsWith(domain)) || extraHosts.includes(url.host.toLowerCase());
}

/** The file's bytes as text (UTF-8, else Windows-1252 as older Excel saves CSV). */
export async function downloadText(downloadUrl: string, limits: DownloadLimits): Promise<string> {
  if (!fileUrlAllowed(downloadUrl, limits.extraHosts)) throw new FileDownloadError('I can only read files shared from your OneDrive in Teams.');
  let response: Response;
  try {
    response = await fetch(downloadUrl, { redirect: 'error', signal: AbortSignal.timeout(limits.timeoutMs) });
  } catch {
    throw new FileDownloadError('I could not download the file. Please send it again.');
  }
  if (!response.ok || !response.body) throw new FileDownloadError('I could not download the file. Please send it again.');
  const tooLarge = () => new FileDownloadError(`The file is larger than ${Math.round(limits.maxBytes / 1000)} KB; send at most 1,000 contacts at a time.`);
  if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FileDownloadError) throw error;
    throw new FileDownloadError('I could not download the file. Please send it again.');
  }
  const bytes = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
