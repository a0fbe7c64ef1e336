import { CamelCaseText } from "./camel-case-text";
import { getPluginSummary, SCHEDULING_PLUGINS_DOC_URL } from "./plugin-docs";

/** Id of the one hidden "opens in a new tab" note the plugin links point to with aria-describedby. */
export const NEW_TAB_NOTE_ID = "plugin-link-new-tab";

/** A plugin's name linking to the upstream docs (in a new tab, so the editors keep their text). */
export function PluginLink({ plugin }: { plugin: string }) {
  // A PreFilter that narrowed the node set can name several plugins ("NodeAffinity,NodeName").
  const names = plugin.split(",");
  return names.map((name, index) => (
    <span key={name}>
      {index > 0 ? ", " : null}
      <a
        href={SCHEDULING_PLUGINS_DOC_URL}
        target="_blank"
        rel="noreferrer"
        title={getPluginSummary(name)}
        aria-describedby={NEW_TAB_NOTE_ID}
        className={
          "underline decoration-muted/60 decoration-dotted " +
          "underline-offset-4 hover:text-accent hover:decoration-accent"
        }
      >
        <CamelCaseText text={name} />
      </a>
    </span>
  ));
}
