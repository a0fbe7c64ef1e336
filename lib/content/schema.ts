import { z } from "zod";
import { GENERATOR_KINDS } from "@/lib/sim";

// The front matter of content files. Authors fix what these reject, so messages say what to write.

const kebabId = z
  .string({ error: "Required: a stable kebab-case id, e.g. etcd-quorum-loss" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use a kebab-case id: lower-case letters, digits and single hyphens");

const sourceUrl = z.url({ protocol: /^https$/, error: "Must be an https:// URL" });

export const deckFrontMatterSchema = z.strictObject({
  id: kebabId,
  title: z.string({ error: "Required: the deck's title" }).min(1, "Must not be empty"),
  description: z.string({ error: "Required: one sentence saying what the deck covers" }).min(1, "Must not be empty"),
});

const cardTypes = ["flashcard", "multiple-choice", "ordering", "predict"] as const;
export type CardType = (typeof cardTypes)[number];

const choiceSchema = z.strictObject({
  text: z.string().min(1, "A choice needs text"),
  correct: z.boolean().default(false),
});

const cardBase = {
  id: kebabId,
  deck: kebabId,
  tags: z.array(kebabId).default([]),
  sources: z.array(sourceUrl, { error: "Required: a list of https:// source URLs" }).min(1, "Cite at least one source"),
  scenario: kebabId.optional(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  /** The claim of the scenario's run that decides the card's point; content check runs the scenario to find it. */
  claim: kebabId.optional(),
};

export const cardFrontMatterSchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ ...cardBase, type: z.literal("flashcard") }),
      z.strictObject({
        ...cardBase,
        type: z.literal("multiple-choice"),
        choices: z
          .array(choiceSchema)
          .min(2, "Give at least two choices")
          .refine((choices) => choices.some((choice) => choice.correct), "Mark at least one choice correct: true"),
      }),
      z.strictObject({
        ...cardBase,
        type: z.literal("ordering"),
        steps: z.array(z.string().min(1)).min(3, "Give at least three steps, in the correct order"),
      }),
      // Predict-then-replay: each review draws a fresh question from the simulation's generator.
      z.strictObject({
        ...cardBase,
        type: z.literal("predict"),
        generator: z.enum(GENERATOR_KINDS, { error: `Name a generator: ${GENERATOR_KINDS.join(", ")}` }),
      }),
    ],
    { error: `Must be one of: ${cardTypes.join(", ")}` },
  )
  .refine((card) => card.params === undefined || card.scenario !== undefined, {
    message: "params need a scenario",
    path: ["params"],
  })
  .refine((card) => card.claim === undefined || card.scenario !== undefined, {
    message: "claim needs a scenario",
    path: ["claim"],
  });

export type DeckFrontMatter = z.infer<typeof deckFrontMatterSchema>;
export type CardFrontMatter = z.infer<typeof cardFrontMatterSchema>;
