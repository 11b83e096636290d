/**
 * The fleet's delivery filter (issue 15): the states and event sources the URL may name, and the
 * filters each summary link sets. No zod: the fleet is the first screen.
 */
import type { DeliveryState, EventSource } from "@clc/domain";
import type { FleetFilters } from "./fleet-filters.ts";

/** Same order as the domain's DELIVERY_STATES (delivery/state.ts). */
export const DELIVERY_FILTER_STATES = [
  "delivering",
  "silent",
  "idle",
  "failing",
  "not-configured",
  "not-applicable",
  "unknown",
] as const satisfies readonly DeliveryState[];

export const DELIVERY_FILTER_SOURCES = [
  "userAuthEvents",
  "userNotification",
] as const satisfies readonly EventSource[];

/** The filters a summary link sets: only the delivery ones (and the tier for the Plus gap), the rest cleared. */
export type DeliveryLinkFilters = Pick<FleetFilters, "delivery" | "deliverySource" | "tier">;
