import type { AnnouncementKind } from "#db/schema";

/** What a market can announce, in the order the form offers them. */
export const ANNOUNCEMENT_KINDS: AnnouncementKind[] = ["weather", "event", "rule", "notice"];
