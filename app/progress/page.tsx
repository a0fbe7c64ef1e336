import type { Metadata } from "next";
import { ForecastChart } from "@/components/progress/forecast-chart";
import { InterviewPlanner } from "@/components/progress/interview-planner";
import { MasteryList } from "@/components/progress/mastery-list";
import { RetentionTable } from "@/components/progress/retention-table";
import { ReviewHeatmap } from "@/components/progress/review-heatmap";
import { StatTiles } from "@/components/progress/stat-tiles";
import { Panel } from "@/components/ui/panel";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { getProgress } from "@/lib/data/progress";
import { getStudySettings } from "@/lib/data/settings";
import { learnerDateKey } from "@/lib/progress/day-index";
import { setInterviewDate } from "./actions";

export const metadata: Metadata = { title: "Progress" };

export default async function ProgressPage() {
  const learnerId = await getLearnerId();
  const settings = await getStudySettings(learnerId);
  const now = clock.now();
  const progress = await getProgress(learnerId, now, settings);
  const forecastTotal = progress.forecast.reduce((sum, count) => sum + count, 0);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Progress</h1>
        <p className="text-muted">
          How your memory of each topic is doing, and whether you are on course for your interview.
        </p>
      </div>
      <StatTiles progress={progress} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Interview planner" className="lg:col-span-2">
          <InterviewPlanner
            action={setInterviewDate}
            interviewDate={progress.planner.interviewDate}
            daysLeft={progress.planner.daysLeft}
            plan={progress.planner.plan}
            unseenCards={progress.planner.unseenCards}
            newCardsPerDay={settings.newCardsPerDay}
          />
        </Panel>
        <Panel title="Reviews due in the next 30 days">
          <ForecastChart forecast={progress.forecast} />
          <p className="text-xs text-muted">
            {forecastTotal} reviews due in 30 days; {progress.forecast[0]} today,{" "}
            {progress.forecast.slice(0, 7).reduce((a, b) => a + b, 0)} this week.
          </p>
        </Panel>
        <Panel title="Mastery by topic">
          <MasteryList topics={progress.mastery} />
        </Panel>
        <Panel title="Reviews over the last year" className="lg:col-span-2">
          <ReviewHeatmap days={progress.reviewsByDay} today={learnerDateKey(now, settings)} />
        </Panel>
        <Panel title="True retention" className="lg:col-span-2">
          <p className="text-sm text-muted">
            Of your reviews of cards already learned, the share you passed (anything but Again). Young cards have an
            interval under 21 days. Your desired retention is {Math.round(settings.desiredRetention * 100)}%.
          </p>
          <RetentionTable rows={progress.retention} />
        </Panel>
      </div>
    </div>
  );
}
