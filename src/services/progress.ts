/** How far a long use case is: `done` of `total` in its current `step` (e.g. checking, then writing). */
export type ProgressReport = { step: string; done: number; total: number };

/** Told as a long use case goes (imports, retries, exports); an edge may draw a bar with it. */
export type OnProgress = (report: ProgressReport) => void;

export const noProgress: OnProgress = () => undefined;
