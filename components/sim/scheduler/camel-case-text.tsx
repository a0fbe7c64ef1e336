import { Fragment } from "react";

/**
 * Renders "NodeResourcesBalancedAllocation" with break opportunities before each capital, so long plugin names wrap in
 * narrow columns.
 */
export function CamelCaseText({ text }: { text: string }) {
  const parts = text.split(/(?=[A-Z][a-z])/);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
