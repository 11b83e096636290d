/**
 * The help panel's sections and how the URL names them: `#help` opens the panel at its start,
 * `#help-<topic>` at one section, so a term on any page links to the paragraph that explains it and
 * a link to the help can be shared. Kept apart from the panel (which loads lazily) so that links cost
 * the first screen nothing.
 */
export const HELP_TOPICS = {
  "event-sources": "The two event sources",
  "user-notification": "Message-delivery errors",
  "user-auth-events": "User activity",
  destinations: "What each destination needs",
  "log-group": "CloudWatch log group",
  firehose: "Firehose stream",
  s3: "S3 bucket",
  plans: "Feature plans: the Plus plan and what it costs",
  shortcuts: "Keyboard shortcuts",
} as const;

export type HelpTopic = keyof typeof HELP_TOPICS;

const HASH_PREFIX = "#help";

/** The URL hash that opens the help at `topic` (at its start without one). */
export function helpHash(topic?: HelpTopic): string {
  return topic ? `${HASH_PREFIX}-${topic}` : HASH_PREFIX;
}

/**
 * What a URL hash asks of the help: null when it is not about help (the panel stays closed), else
 * the topic to show (null topic: the start). An unknown topic opens the start rather than nothing,
 * so an old link still lands in the help.
 */
export function helpFromHash(hash: string): { topic: HelpTopic | null } | null {
  if (hash === HASH_PREFIX) return { topic: null };
  if (!hash.startsWith(`${HASH_PREFIX}-`)) return null;
  const topic = decodeURIComponent(hash.slice(HASH_PREFIX.length + 1));
  return { topic: topic in HELP_TOPICS ? (topic as HelpTopic) : null };
}

/** The help topic of each event source and destination kind, for the terms that name them. */
export const EVENT_SOURCE_TOPICS = {
  userNotification: "user-notification",
  userAuthEvents: "user-auth-events",
} as const satisfies Record<string, HelpTopic>;

export const DESTINATION_KIND_TOPICS = {
  logGroup: "log-group",
  firehose: "firehose",
  s3: "s3",
} as const satisfies Record<string, HelpTopic>;
