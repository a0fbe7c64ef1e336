/** Why the form's action refused a step; always rendered, so the alert is announced when it fills. */
export function FormAlert({ id, message }: { id?: string; message: string | undefined }) {
  return (
    <p id={id} role="alert" className="text-sm text-danger">
      {message}
    </p>
  );
}
