import { describe, expect, it } from "vitest";
import { keyPointTicksSchema, typedAnswerLengthMax, typedAnswerSchema } from "@/lib/validations/interview";

const question = { quizId: "quiz-1", position: "2" };

describe("typedAnswerSchema", () => {
  it("keeps a trimmed answer, and a skip as null whatever was typed", () => {
    expect(typedAnswerSchema.parse({ ...question, intent: "answer", text: "  etcd holds the state \n" })).toEqual({
      quizId: "quiz-1",
      position: 2,
      text: "etcd holds the state",
    });
    expect(typedAnswerSchema.parse({ ...question, intent: "skip", text: "half a thought" }).text).toBeNull();
    expect(typedAnswerSchema.parse({ ...question, intent: "skip" }).text).toBeNull();
  });

  it.each([
    [{ ...question, intent: "answer", text: "   " }, "Type your answer, or skip the question."],
    [
      { ...question, intent: "answer", text: "x".repeat(typedAnswerLengthMax + 1) },
      `Keep your answer under ${typedAnswerLengthMax} characters.`,
    ],
    [{ ...question, intent: "shout", text: "hi" }, "Answer or skip the question."],
  ])("refuses %j with a message the learner can act on", (input, message) => {
    const parsed = typedAnswerSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(message);
  });

  it("refuses a position that no quiz has", () => {
    expect(typedAnswerSchema.safeParse({ quizId: "q", position: "-1", intent: "skip" }).success).toBe(false);
    expect(typedAnswerSchema.safeParse({ quizId: "q", position: "1e9", intent: "skip" }).success).toBe(false);
  });
});

describe("keyPointTicksSchema", () => {
  it("reads the form's tick values as key point indices", () => {
    expect(keyPointTicksSchema.parse({ ...question, ticks: ["0", "3"] }).ticks).toEqual([0, 3]);
    expect(keyPointTicksSchema.parse({ ...question, ticks: [] }).ticks).toEqual([]);
  });

  it.each([
    [["1", "1"], "Tick each key point once."],
    [["-1"], "There is no such key point."],
    [["6"], "There is no such key point."],
    [["1.5"], "A tick names a key point by its number."],
    [["all"], "A tick names a key point by its number."],
  ])("refuses ticks %j", (ticks, message) => {
    const parsed = keyPointTicksSchema.safeParse({ ...question, ticks });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(message);
  });
});
