import { inputClass } from "@/components/ui/field";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";
import type { BooleanParamDef, EnumParamDef, IntegerParamDef, ParamDef, ParamValue } from "@/lib/sim";

type Props = {
  param: ParamDef;
  /** The label of the param that caps this one (maxFrom), for the hint. */
  capLabel?: string;
  /** What the integer input shows first: the value the run used, or what the learner typed. */
  initial: ParamValue | string | undefined;
  /** The current value of a switch or select (the form keeps them, since they decide what applies). */
  choice: ParamValue | undefined;
  onChoice: (value: ParamValue) => void;
  error?: string;
  /** A param that does not apply is hidden and disabled, so the form does not submit it. */
  isApplicable: boolean;
};

/** One what-if control by kind: a number input, a switch or a select, with its hint or its error. */
export function ParamField({ param, capLabel, initial, choice, onChoice, error, isApplicable }: Props) {
  const id = `param-${param.name}`;
  return (
    <div className="space-y-1.5" hidden={!isApplicable}>
      <label htmlFor={id} className="block text-sm font-medium">
        {param.label}
        {param.type === "integer" && param.unit ? ` (${param.unit})` : ""}
      </label>
      {param.type === "integer" ? (
        <IntegerInput id={id} param={param} initial={initial} error={error} disabled={!isApplicable} />
      ) : null}
      {param.type === "boolean" ? (
        <BooleanSwitch
          id={id}
          param={param}
          isOn={choice === true}
          onChoice={onChoice}
          error={error}
          disabled={!isApplicable}
        />
      ) : null}
      {param.type === "enum" ? (
        <EnumSelect id={id} param={param} value={choice} onChoice={onChoice} error={error} disabled={!isApplicable} />
      ) : null}
      <p id={`${id}-hint`} className={`text-xs ${error ? "text-danger" : "text-muted"}`}>
        {error ?? (
          <>
            <InlineMarkdown text={param.description} /> {hintOf(param, capLabel)}
          </>
        )}
      </p>
    </div>
  );
}

function hintOf(param: ParamDef, capLabel: string | undefined): string {
  if (param.type === "boolean") return `Default: ${param.default ? "on" : "off"}.`;
  if (param.type === "enum")
    return `Default: ${param.options.find((o) => o.value === param.default)?.label ?? param.default}.`;
  const unit = param.unit ? ` ${param.unit}` : "";
  return (
    `${param.min}–${param.max}${unit}${capLabel ? ` (at most ${capLabel})` : ""}, ` + `default ${param.default}${unit}.`
  );
}

type InputProps = { id: string; error?: string; disabled: boolean };

function describedBy(id: string, error: string | undefined) {
  return { "aria-invalid": error ? true : undefined, "aria-describedby": `${id}-hint` } as const;
}

function IntegerInput({
  id,
  param,
  initial,
  error,
  disabled,
}: InputProps & { param: IntegerParamDef; initial: ParamValue | string | undefined }) {
  return (
    <input
      id={id}
      name={param.name}
      type="number"
      min={param.min}
      max={param.max}
      step={1}
      defaultValue={String(initial ?? param.default)}
      disabled={disabled}
      className={inputClass}
      {...describedBy(id, error)}
    />
  );
}

/**
 * A checkbox shown as a switch. Unchecked boxes submit nothing, and nothing means "the default",
 * which for a switch that defaults to on would undo the learner's choice: so a hidden "false"
 * follows it. Before React runs (a plain GET form) both are sent when it is on, and the page reads
 * the first value; once hydrated the hidden one is disabled while the switch is on, for a clean URL.
 */
function BooleanSwitch({
  id,
  param,
  isOn,
  onChoice,
  error,
  disabled,
}: InputProps & { param: BooleanParamDef; isOn: boolean; onChoice: (value: boolean) => void }) {
  const isHydrated = useIsHydrated();
  return (
    <div className="flex items-center gap-2 py-1.5">
      <input
        id={id}
        name={param.name}
        type="checkbox"
        role="switch"
        value="true"
        checked={isOn}
        onChange={(event) => onChoice(event.target.checked)}
        disabled={disabled}
        className={
          "relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full border border-line " +
          "bg-surface-2 transition-colors before:absolute before:top-0.5 before:left-0.5 before:size-3.5 " +
          "before:rounded-full before:bg-muted before:transition-transform checked:border-accent " +
          "checked:bg-accent checked:before:translate-x-4 checked:before:bg-accent-fg " +
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        }
        {...describedBy(id, error)}
      />
      <span aria-hidden="true" className="text-sm text-muted">
        {isOn ? "On" : "Off"}
      </span>
      <input type="hidden" name={param.name} value="false" disabled={disabled || (isHydrated && isOn)} />
    </div>
  );
}

function EnumSelect({
  id,
  param,
  value,
  onChoice,
  error,
  disabled,
}: InputProps & { param: EnumParamDef; value: ParamValue | undefined; onChoice: (value: number) => void }) {
  return (
    <select
      id={id}
      name={param.name}
      value={String(value ?? param.default)}
      onChange={(event) => onChoice(Number(event.target.value))}
      disabled={disabled}
      className={inputClass}
      {...describedBy(id, error)}
    >
      {param.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
