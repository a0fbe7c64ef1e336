import type { Toast } from "@/components/ui/toast-provider";

type FlagCard = (input: unknown) => Promise<{ ok: boolean; message?: string }>;

const failed = "That did not work; reload and try again.";
const doneMessage = { bury: "Card buried until tomorrow.", suspend: "Card suspended." } as const;

/**
 * Buries or suspends a card and says so in a toast whose Undo unsuspends it (which also clears a
 * bury) and brings it back to the queue; a failure shows on the card.
 */
export async function flagWithUndo(
  flagCard: FlagCard,
  cardId: string,
  kind: "bury" | "suspend",
  showToast: (toast: Toast) => void,
  showError: (message: string) => void,
) {
  const result = await flagCard({ cardId, flag: kind });
  if (!result.ok) return showError(result.message ?? failed);
  showToast({
    message: doneMessage[kind],
    action: {
      label: "Undo",
      onAction: async () => {
        const undone = await flagCard({ cardId, flag: "unsuspend" });
        showToast({
          message: undone.ok ? (kind === "bury" ? "Card unburied." : "Card unsuspended.") : (undone.message ?? failed),
        });
      },
    },
  });
}
