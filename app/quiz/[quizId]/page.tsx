import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { MockInterviewPlayer } from "@/components/quiz/mock-interview-player";
import { QuizPlayer } from "@/components/quiz/quiz-player";
import { clock } from "@/lib/clock";
import { getInterviewView } from "@/lib/data/interview-view";
import { getLearnerId } from "@/lib/data/learners";
import { getQuizView } from "@/lib/data/quiz-play";
import { getStudySettings } from "@/lib/data/settings";
import {
  answerInterviewFollowUp,
  answerInterviewQuestion,
  answerQuiz,
  checkQuizAnswer,
  endQuiz,
  tickInterviewFollowUp,
  tickInterviewKeyPoints,
} from "./actions";

export const metadata: Metadata = { title: "Quiz" };

type Props = { params: Promise<{ quizId: string }> };

const interviewActions = {
  answer: answerInterviewQuestion,
  tick: tickInterviewKeyPoints,
  answerFollowUp: answerInterviewFollowUp,
  tickFollowUp: tickInterviewFollowUp,
  endQuiz,
};

export default async function QuizPlayPage(props: Props) {
  const { quizId } = await props.params;
  const learnerId = await getLearnerId();
  const now = clock.now();
  const interview = await getInterviewView(learnerId, quizId, now);
  if (interview) {
    if (interview.isFinished || !interview.current) redirect(`/quiz/${quizId}/report`);
    return <MockInterviewPlayer view={interview} current={interview.current} actions={interviewActions} />;
  }
  const settings = await getStudySettings(learnerId);
  const view = await getQuizView(learnerId, quizId, now, settings);
  if (!view) notFound();
  if (view.isFinished || !view.current) redirect(`/quiz/${quizId}/report`);
  return (
    <QuizPlayer
      view={view}
      current={view.current}
      shownAt={now.getTime()}
      actions={{ answerQuiz, checkStudyAnswer: checkQuizAnswer, endQuiz }}
    />
  );
}
