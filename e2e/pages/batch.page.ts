import { expect } from "@playwright/test";
import { PageObject } from "./page-object.ts";

/** Planning a batch (`/batches/new`) and its review and progress page (`/batches/:id`). */
export class BatchPage extends PageObject {
  readonly planButton = this.page.getByRole("button", { name: "Plan the batch" });
  readonly startButton = this.page.getByRole("button", { name: "Start the batch" });
  readonly pauseButton = this.page.getByRole("button", { name: "Pause" });
  readonly resumeButton = this.page.getByRole("button", { name: "Resume" });
  readonly acknowledge = this.page.getByRole("checkbox", { name: /I have read the warnings/ });
  readonly progress = this.page.getByRole("status").filter({ hasText: "done," });

  /** Picks what happens to one event source ("Keep as each pool has it", …). */
  async choose(source: "Message-delivery errors" | "User activity", action: string | RegExp): Promise<void> {
    await this.page.getByRole("group", { name: source }).getByRole("radio", { name: action }).check();
  }

  async logGroupName(source: "Message-delivery errors" | "User activity", name: string): Promise<void> {
    await this.page.getByRole("group", { name: source }).getByLabel("Log group name").fill(name);
  }

  /** A review group's heading, e.g. "Ready (9)". */
  group(name: string | RegExp) {
    return this.page.getByRole("heading", { level: 2, name });
  }

  async expectStatus(text: string | RegExp): Promise<void> {
    await expect(this.page.getByText(text).first()).toBeVisible({ timeout: 30_000 });
  }
}
