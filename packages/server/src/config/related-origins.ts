import { getDomainWithoutSuffix } from 'tldts';

/** How many distinct labels browsers must accept in a related origins list (WebAuthn L3 §5.11.1). */
export const RELATED_ORIGIN_LABELS = 5;

/**
 * Checks a list of related origins (WebAuthn L3 §5.11, "Using Web Authentication across related
 * origins"): each an https origin without path, and together at most five distinct labels — the
 * registrable domain's label before its public suffix (`shopping` for both `shopping.com` and
 * `shopping.co.uk`), since browsers stop reading the list past the fifth. A list that would be cut
 * short fails at start-up rather than on some users' browsers. Returns the origins, or throws a
 * TypeError whose message starts with `who`.
 */
export function checkRelatedOrigins(origins: unknown, who: string): string[] {
  if (!Array.isArray(origins)) throw new TypeError(`${who}: relatedOrigins must be an array of origins`);
  const labels = new Set<string>();
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(String(origin));
    } catch {
      throw new TypeError(`${who}: related origin ${JSON.stringify(origin)} is not a URL`);
    }
    if (url.origin !== origin || url.protocol !== 'https:') {
      throw new TypeError(
        `${who}: related origin ${JSON.stringify(origin)} must be https://host[:port], without path`,
      );
    }
    const label = getDomainWithoutSuffix(url.hostname);
    if (!label) throw new TypeError(`${who}: related origin ${origin} has no registrable domain`);
    labels.add(label);
  }
  if (labels.size > RELATED_ORIGIN_LABELS) {
    throw new TypeError(
      `${who}: related origins span ${labels.size} labels (${[...labels].join(', ')}); browsers read at most ${RELATED_ORIGIN_LABELS}`,
    );
  }
  return [...origins] as string[];
}
