import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { QuizPlayer } from "@/components/quiz/quiz-player";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { getQuizView } from "@/lib/data/quiz-play";
import { getStudySettings } from "@/lib/data/settings";
import { checkStudyAnswer } from "../../study/[deckId]/actions";
import { answerQuiz, endQuiz } from "../actions";

export const metadata: Metadata = { title: "Quiz" };

type Props = { params: Promise<{ quizId: string }> };

export default async function QuizPlayPage(props: Props) {
  const { quizId } = await props.params;
  const learnerId = await getLearnerId();
  const settings = await getStudySettings(learnerId);
  const now = clock.now();
  const view = await getQuizView(learnerId, quizId, now, settings);
  if (!view) notFound();
  if (view.isFinished || !view.current) redirect(`/quiz/${quizId}/report`);
  return <QuizPlayer view={view} current={view.current} shownAt={now.getTime()} actions={{ answerQuiz, checkStudyAnswer, endQuiz }} />;
}
