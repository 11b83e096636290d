const STEPS = ["Choose a destination", "Review changes", "Apply"] as const;

/** Where the admin is in the edit flow. */
export function Steps({ current }: { current: 0 | 1 | 2 }) {
  return (
    <ol className="steps" aria-label="Steps">
      {STEPS.map((step, index) => (
        <li key={step} aria-current={index === current ? "step" : undefined}>
          {index + 1}. {step}
        </li>
      ))}
    </ol>
  );
}
