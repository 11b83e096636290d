import type {
  WebhookAttempt,
  WebhookCreate,
  WebhookTestResult,
  WebhookUpdate,
  WebhookView,
} from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";

export const webhookKeys = {
  all: ["webhooks"] as const,
  attempts: (id: string) => ["webhooks", id, "attempts"] as const,
};

export async function fetchWebhooks(signal?: AbortSignal): Promise<WebhookView[]> {
  const { data } = await ok(api.GET("/api/notifications/webhooks", { signal }));
  return (await checked((d) => d.WebhookListSchema, data)).items;
}

/** The webhooks notifications go to (admins only). */
export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: ({ signal }) => fetchWebhooks(signal) });
}

export async function fetchAttempts(id: string, signal?: AbortSignal): Promise<WebhookAttempt[]> {
  const { data } = await ok(
    api.GET("/api/notifications/webhooks/{webhookId}/attempts", {
      params: { path: { webhookId: id }, query: { limit: 50 } },
      signal,
    }),
  );
  return (await checked((d) => d.WebhookAttemptListSchema, data)).items;
}

/** A webhook's attempts, newest first; polled while open, since retries go on in the background. */
export function useAttempts(id: string, open: boolean) {
  return useQuery({
    queryKey: webhookKeys.attempts(id),
    queryFn: ({ signal }) => fetchAttempts(id, signal),
    enabled: open,
    refetchInterval: open ? 5_000 : false,
  });
}

export function useAddWebhook() {
  return useWrite(
    async (body: WebhookCreate): Promise<WebhookView> => {
      const { data } = await ok(api.POST("/api/notifications/webhooks", { body }));
      return checked((d) => d.WebhookViewSchema, data);
    },
    (client) => client.invalidateQueries({ queryKey: webhookKeys.all }),
  );
}

export function useUpdateWebhook() {
  return useWrite(
    async ({ id, change }: { id: string; change: WebhookUpdate }): Promise<WebhookView> => {
      const { data } = await ok(
        api.PATCH("/api/notifications/webhooks/{webhookId}", {
          params: { path: { webhookId: id } },
          body: change,
        }),
      );
      return checked((d) => d.WebhookViewSchema, data);
    },
    (client) => client.invalidateQueries({ queryKey: webhookKeys.all }),
  );
}

export function useRemoveWebhook() {
  return useWrite(
    async (id: string): Promise<void> => {
      await ok(
        api.DELETE("/api/notifications/webhooks/{webhookId}", { params: { path: { webhookId: id } } }),
      );
    },
    (client) => client.invalidateQueries({ queryKey: webhookKeys.all }),
  );
}

export function useTestWebhook() {
  return useWrite(
    async (id: string): Promise<WebhookTestResult> => {
      const { data } = await ok(
        api.POST("/api/notifications/webhooks/{webhookId}/test", { params: { path: { webhookId: id } } }),
      );
      return checked((d) => d.WebhookTestResultSchema, data);
    },
    (client, _data, id) => client.invalidateQueries({ queryKey: webhookKeys.attempts(id) }),
  );
}
