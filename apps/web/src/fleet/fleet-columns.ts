/**
 * Which of the fleet table's columns show (issue 19: nothing a user needs is cut off at 1024 or
 * 1440 px). Each column has a width in CSS pixels that fits its header and a typical value on one
 * line; by default the columns that fit the table's width show, most needed first, and the person
 * can show or hide any column but the name (kept in this browser, localStorage). Pure, no DOM.
 */

/** The table's column ids, in the order they show. `name` is always shown. */
export const FLEET_COLUMN_IDS = [
  "name",
  "id",
  "account",
  "ou",
  "region",
  "tier",
  "threatProtection",
  "logging",
  "findings",
] as const;
export type FleetColumnId = (typeof FLEET_COLUMN_IDS)[number];

/** Columns the person may hide: every one but the name, which links each row to its pool. */
export type OptionalFleetColumnId = Exclude<FleetColumnId, "name">;

/**
 * Each column's width in CSS pixels, padding included: its header with the sort arrow, and a
 * typical value (`eu-west-1_mhSdnghAg`, `acme-management 123456789012`, `ap-southeast-2`, both event
 * sources' states) on one line. The name takes what is left, at least `name`.
 */
export const FLEET_COLUMN_WIDTHS: Readonly<Record<FleetColumnId, number>> = {
  name: 200,
  id: 170,
  account: 245,
  ou: 120,
  region: 120,
  tier: 90,
  threatProtection: 155,
  logging: 365,
  findings: 115,
};

/**
 * Which columns a table this wide shows first: the most needed first, the name always. In an
 * organization the OU comes before threat protection (the new-user check of issue 14 found it
 * hidden at 1440 px), after the tier, which says whether user activity can be exported at all.
 */
const PRIORITY: readonly OptionalFleetColumnId[] = [
  "logging",
  "findings",
  "region",
  "account",
  "tier",
  "ou",
  "threatProtection",
  "id",
];

/** What the fleet holds that decides whether the Account and OU columns tell rows apart. */
export interface FleetShape {
  /** Accounts the fleet reads (the status's account rows). */
  accounts: number;
  /** Whether any account has a known OU path (AWS Organizations discovery; a list of roles has none). */
  ouPaths: boolean;
}

/** An organization: the shape assumed until the fleet has answered. */
export const ORGANIZATION_SHAPE: FleetShape = { accounts: 2, ouPaths: true };

/** Columns whose every row would say the same (one account, or no OUs): not shown by default in a table. */
function saysNothing(id: OptionalFleetColumnId, shape: FleetShape): boolean {
  if (id === "account") return shape.accounts <= 1;
  if (id === "ou") return shape.accounts <= 1 || !shape.ouPaths;
  return false;
}

/** The person's choices: a column id → shown (true) or hidden (false); absent columns follow the width. */
export type ColumnChoice = Partial<Record<OptionalFleetColumnId, boolean>>;

/**
 * The columns shown by default in a table `tableWidth` CSS pixels wide: the name, then each column
 * in order of need while the widths still add up to no more than the table's, leaving out the
 * Account and OU columns where `shape` says every row would show the same. `cards`: the narrow
 * layout, where each pool is a card whose values wrap, so every column has room.
 */
export function defaultVisibleColumns(
  tableWidth: number,
  cards: boolean,
  shape: FleetShape = ORGANIZATION_SHAPE,
): Set<FleetColumnId> {
  const visible = new Set<FleetColumnId>(["name"]);
  if (cards) {
    for (const id of PRIORITY) visible.add(id);
    return visible;
  }
  let used = FLEET_COLUMN_WIDTHS.name;
  for (const id of PRIORITY) {
    if (saysNothing(id, shape) || used + FLEET_COLUMN_WIDTHS[id] > tableWidth) continue;
    used += FLEET_COLUMN_WIDTHS[id];
    visible.add(id);
  }
  return visible;
}

/** The TanStack Table visibility state (`{ columnId: shown }`) for a width and the person's choices. */
export function columnVisibility(
  tableWidth: number,
  cards: boolean,
  choice: ColumnChoice,
  shape: FleetShape = ORGANIZATION_SHAPE,
): Record<FleetColumnId, boolean> {
  const defaults = defaultVisibleColumns(tableWidth, cards, shape);
  const visibility = {} as Record<FleetColumnId, boolean>;
  for (const id of FLEET_COLUMN_IDS) {
    visibility[id] = id === "name" ? true : (choice[id] ?? defaults.has(id));
  }
  return visibility;
}

function isOptionalColumn(id: string): id is OptionalFleetColumnId {
  return id !== "name" && (FLEET_COLUMN_IDS as readonly string[]).includes(id);
}

/**
 * The person's choices from their stored form (JSON `{ "id": true, "ou": false }`). Anything else,
 * an unknown column (one renamed since), a value not a boolean, is left out: a stored choice from an
 * older console must never break the table.
 */
export function parseColumnChoice(stored: string | null | undefined): ColumnChoice {
  if (!stored) return {};
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const choice: ColumnChoice = {};
  for (const [id, shown] of Object.entries(value)) {
    if (isOptionalColumn(id) && typeof shown === "boolean") choice[id] = shown;
  }
  return choice;
}

/**
 * The choice after the person sets a column to shown or hidden. A choice equal to the width's
 * default is dropped, so the column follows the width again (a window made wider shows it).
 */
export function chooseColumn(
  choice: ColumnChoice,
  id: OptionalFleetColumnId,
  shown: boolean,
  defaults: ReadonlySet<FleetColumnId>,
): ColumnChoice {
  const next: ColumnChoice = { ...choice };
  if (defaults.has(id) === shown) delete next[id];
  else next[id] = shown;
  return next;
}
