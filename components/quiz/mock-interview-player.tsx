import { CardHtml } from "@/components/study/card-html";
import type { InterviewQuestionView, InterviewView } from "@/lib/data/interview-view";
import { KeyPointTicksForm } from "./key-point-ticks-form";
import type { InterviewStepAction } from "./interview-step";
import { QuizHeader } from "./quiz-header";
import { TypedAnswerForm } from "./typed-answer-form";

type Props = {
  view: InterviewView;
  current: InterviewQuestionView;
  actions: {
    answer: InterviewStepAction;
    tick: InterviewStepAction;
    answerFollowUp: InterviewStepAction;
    tickFollowUp: InterviewStepAction;
    endQuiz: (formData: FormData) => Promise<void>;
  };
};

const stepNames = {
  answer: "Your answer",
  tick: "Check your answer",
  "follow-up": "Follow-up",
  "follow-up-tick": "Check your follow-up",
};

/**
 * A mock interview, one question at a time: type an answer (or skip) under the clock, tick the
 * key points it covered, then answer the interviewer's follow-up and tick its card's key points.
 */
export function MockInterviewPlayer({ view, current, actions }: Props) {
  const fields = { quizId: view.id, position: current.position };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <QuizHeader view={view} eyebrow={`Mock interview · ${stepNames[current.step]}`} endQuiz={actions.endQuiz} />
      <article
        key={`${current.position}:${current.step}`}
        className="space-y-5 rounded-xl border border-line bg-surface p-5 sm:p-7"
        aria-label="Interview question"
      >
        <section aria-label="The question">
          <h2 className="sr-only">Question</h2>
          <CardHtml html={current.promptHtml} className="text-[1.0625rem]" />
        </section>
        {current.step === "answer" ? (
          <TypedAnswerForm action={actions.answer} {...fields} label="Your answer" draftKey="answer" />
        ) : null}
        {current.step === "tick" && current.ticks ? (
          <>
            <KeyPointTicksForm
              action={actions.tick}
              {...fields}
              ticks={current.ticks}
              legend="Which key points did your answer cover?"
            />
            <ModelAnswer sayItHtml={current.sayItHtml} answerHtml={current.answerHtml} />
          </>
        ) : null}
        {current.followUp ? (
          <section className="space-y-4 border-t border-line pt-5" aria-label="Follow-up">
            <h2 className="text-xs font-semibold uppercase tracking-wider text-muted">The interviewer asks next</h2>
            <CardHtml html={current.followUp.questionHtml} className="text-[1.0625rem]" />
            {current.step === "follow-up" ? (
              <TypedAnswerForm
                action={actions.answerFollowUp}
                {...fields}
                label="Your answer to the follow-up"
                draftKey="follow-up"
              />
            ) : null}
            {current.step === "follow-up-tick" && current.followUp.ticks ? (
              <KeyPointTicksForm
                action={actions.tickFollowUp}
                {...fields}
                ticks={current.followUp.ticks}
                legend="Which of the follow-up's key points did you cover?"
              />
            ) : null}
          </section>
        ) : null}
      </article>
    </div>
  );
}

/** The card's own answer, folded: to compare after ticking, not to copy from before. */
function ModelAnswer({ sayItHtml, answerHtml }: { sayItHtml: string | null; answerHtml: string | null }) {
  if (!sayItHtml && !answerHtml) return null;
  return (
    <details className="rounded-lg border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">Compare with the model answer</summary>
      <div className="mt-3 space-y-4">
        {sayItHtml ? <CardHtml html={sayItHtml} /> : null}
        {answerHtml ? (
          <>
            <h3 className="text-sm font-semibold">In depth</h3>
            <CardHtml html={answerHtml} />
          </>
        ) : null}
      </div>
    </details>
  );
}
