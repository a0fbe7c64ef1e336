import type { InterviewStepState } from "@/lib/validations/interview";

/** A server action that records one step of a mock interview (an answer, a skip, or ticks). */
export type InterviewStepAction = (state: InterviewStepState, formData: FormData) => Promise<InterviewStepState>;

/** What every step's form carries: the action it posts to, and which quiz and question it answers. */
export type InterviewStepFormProps = { action: InterviewStepAction; quizId: string; position: number };
