/**
 * The state the creation steps share: the form as typed, the request it makes (checked by the shared
 * schema, so field errors show before anything is sent), the plan asked for it, and the run started
 * from that plan.
 */
import { type CreationRun, creationFieldErrors, type DestinationKind, type EventSource } from "@clc/domain";
import { useId, useMemo, useState } from "react";
import { usePlanDestination, useStartRun } from "../../api/destination-creation/mutations.ts";
import { errorsByPath, type FormState, formStateFromRun, initialFormState, toDraft } from "./form-state.ts";

export interface CreationPool {
  id: string;
  name: string;
  region: string;
  accountId: string;
}

export function useCreationForm({
  kind,
  eventSource,
  pool,
  resume,
}: {
  kind: DestinationKind;
  eventSource: EventSource;
  pool: CreationPool;
  /** A failed (or cleaned) run to run again: its input refills the form. */
  resume: CreationRun | null;
}) {
  const id = useId();
  const [state, setState] = useState<FormState>(() => {
    const initial = initialFormState(pool, eventSource);
    return resume ? formStateFromRun(initial, resume.input) : initial;
  });
  const plan = usePlanDestination();
  const start = useStartRun();
  // A failed run is resumed (what it made stays its own); a cleaned one is started afresh.
  const resumeId = resume?.status === "failed" ? resume.id : undefined;

  // The pool's account goes with the input: the BFF creates the destination there, through its role.
  const draft = useMemo(
    () => ({
      ...toDraft(kind, state, pool.id, eventSource),
      ...(pool.accountId ? { accountId: pool.accountId } : {}),
    }),
    [kind, state, pool.id, pool.accountId, eventSource],
  );
  const errors = useMemo(() => errorsByPath(creationFieldErrors(draft)), [draft]);

  const update = (patch: Partial<FormState>) => {
    setState((current) => ({ ...current, ...patch }));
    // The plan shown must match what would run.
    if (plan.data) plan.reset();
  };

  return {
    /** The prefix of the form's element ids. */
    id,
    kind,
    pool,
    state,
    update,
    draft,
    errors,
    valid: errors.size === 0,
    /** Nothing can be changed while a run is being started. */
    locked: start.isPending,
    plan,
    start,
    resumeId,
    /** Plans (again) what the form asks for; the plan is shown before anything runs. */
    requestPlan: () => plan.mutate({ input: draft, runId: resumeId }),
  };
}

export type CreationForm = ReturnType<typeof useCreationForm>;

/** What each step of the form is given. */
export interface StepProps {
  form: CreationForm;
  /** Viewers see the form but are not offered what the BFF would refuse them. */
  canWrite: boolean;
  /** Where Cancel and, after the run, "Use this destination" go back to (a path of this console). */
  returnTo: string | null;
}
