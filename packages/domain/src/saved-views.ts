/**
 * Saved views of the fleet (issue 19): the fleet's filters and sort, as its URL holds them, kept
 * under a name, either for everyone (`shared`) or for the operator who saved it (`private`).
 *
 * A view's parameters are checked against the fleet list's own query schema, so a saved view can
 * only hold what the fleet itself would accept from its URL: no unknown parameter, no value the list
 * would refuse. Kept out of api.ts (which this module imports) and exported by the package root.
 */
import { z } from "zod";
import { PoolListQuerySchema } from "./api.ts";

/** Longest view name, in characters (after trimming). */
export const SAVED_VIEW_NAME_MAX = 80;
/** How many views one operator may own; beyond it a save is refused (409) until one is deleted. */
export const SAVED_VIEWS_PER_OPERATOR = 100;

export const SAVED_VIEW_VISIBILITIES = ["private", "shared"] as const;
export const SavedViewVisibilitySchema = z.enum(SAVED_VIEW_VISIBILITIES);
export type SavedViewVisibility = z.infer<typeof SavedViewVisibilitySchema>;

export const SavedViewNameSchema = z
  .string()
  .trim()
  .min(1, "Give the view a name")
  .max(SAVED_VIEW_NAME_MAX, `A view's name has at most ${SAVED_VIEW_NAME_MAX} characters`)
  // Control characters would print as nothing in the menu and differ invisibly from another name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "A view's name cannot hold control characters");

/**
 * The fleet query a view may hold: the list's filters and sort, never its paging (a view opens on
 * the first page). Strict: a parameter the fleet does not know is refused, not kept.
 */
const FleetViewQuerySchema = PoolListQuerySchema.omit({ offset: true, limit: true }).strict();

/** The fleet URL's search parameters (`region=eu-west-1&tier=PLUS&sort=-name` as an object). */
export const SavedViewParamsSchema = z
  .record(z.string().max(40), z.string().max(500))
  .superRefine((params, context) => {
    const parsed = FleetViewQuerySchema.safeParse(params);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys)
          context.addIssue({
            code: "custom",
            message: `The fleet has no filter named '${key}'`,
            path: [key],
            input: params,
          });
      } else {
        context.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input: params });
      }
    }
  });
export type SavedViewParams = z.infer<typeof SavedViewParamsSchema>;

export const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  visibility: SavedViewVisibilitySchema,
  /** The operator who saved it. */
  owner: z.string(),
  params: z.record(z.string(), z.string()),
  /** ISO 8601. */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the signed-in operator may rename it (its owner only). */
  canRename: z.boolean(),
  /** Whether the signed-in operator may delete it (its owner; an admin too when it is shared). */
  canDelete: z.boolean(),
});
export type SavedView = z.infer<typeof SavedViewSchema>;

export const SavedViewListSchema = z.object({
  /** The operator's own views and everyone's shared ones, by name. */
  items: z.array(SavedViewSchema),
});
export type SavedViewList = z.infer<typeof SavedViewListSchema>;

export const CreateSavedViewBodySchema = z.strictObject({
  name: SavedViewNameSchema,
  visibility: SavedViewVisibilitySchema,
  params: SavedViewParamsSchema,
});
export type CreateSavedViewBody = z.input<typeof CreateSavedViewBodySchema>;

export const RenameSavedViewBodySchema = z.strictObject({ name: SavedViewNameSchema });
export type RenameSavedViewBody = z.input<typeof RenameSavedViewBodySchema>;

export const SavedViewParamsPathSchema = z.object({
  viewId: z.string().regex(/^[0-9a-f-]{36}$/, "Expected a view id such as 3f2a9c1e-…"),
});
