/** How many of a refused file's problems are listed; the rest are counted. */
export const problemsShownMax = 50;

/** Why an uploaded file was refused: the message, then every problem in it (the first 50 listed). */
export function RefusedFileAlert({ message, problems }: { message: string; problems: string[] }) {
  return (
    <div role="alert" className="space-y-2 text-sm">
      <p className="font-medium text-danger">{message}</p>
      {problems.length ? (
        <ul className="max-h-60 list-disc space-y-0.5 overflow-y-auto pl-5 font-mono text-xs">
          {problems.slice(0, problemsShownMax).map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
          {problems.length > problemsShownMax ? <li>… and {problems.length - problemsShownMax} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
