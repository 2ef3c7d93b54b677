const AGENT = /(?:^|\s)dps-directory-connector\/([0-9A-Za-z.+-]{1,64})(?:\s|$)/;

/** The agent's version from its User-Agent (`dps-directory-connector/1.2.0`); null for anything else. */
export function connectorVersionOf(userAgent: string | undefined): string | null {
  return (userAgent && AGENT.exec(userAgent)?.[1]) ?? null;
}
