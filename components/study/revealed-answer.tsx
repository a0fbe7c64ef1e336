import Link from "next/link";
import { cardHref, type ShownInterview } from "@/lib/interview/sections";
import { CardHtml } from "./card-html";

const headingClass = "mb-2 text-sm font-semibold";

/**
 * A card's answer. With interview sections: what to say first, the key points an interviewer
 * listens for, the long answer ("In depth"), then the follow-ups, each linked follow-up leading to
 * the card that answers it. Without them: the long answer alone. The caller gives the "Answer"
 * heading these sections sit under.
 */
export function RevealedAnswer({ answerHtml, interview }: { answerHtml: string; interview: ShownInterview | null }) {
  if (!interview) return <CardHtml html={answerHtml} />;
  return (
    <div className="space-y-6">
      <section>
        <h3 className={headingClass}>Say it in 30 seconds</h3>
        <CardHtml html={interview.sayItHtml} className="text-[1.0625rem]" />
      </section>
      <section>
        <h3 className={headingClass}>Key points</h3>
        <KeyPointList keyPoints={interview.keyPoints} />
      </section>
      <section>
        <h3 className={headingClass}>In depth</h3>
        <CardHtml html={answerHtml} />
      </section>
      <FollowUpList followUps={interview.followUps} />
    </div>
  );
}

function KeyPointList({ keyPoints }: { keyPoints: ShownInterview["keyPoints"] }) {
  return (
    <ul className="prose-card list-disc space-y-1 pl-5">
      {keyPoints.map((point, index) => (
        <li key={index} dangerouslySetInnerHTML={{ __html: point.html }} />
      ))}
    </ul>
  );
}

function FollowUpList({ followUps }: { followUps: ShownInterview["followUps"] }) {
  return (
    <section>
      <h3 className={headingClass}>Follow-ups</h3>
      <ul className="space-y-1.5">
        {followUps.map((followUp, index) => (
          <li key={index} className="prose-card">
            {followUp.cardId ? (
              <Link href={cardHref(followUp.cardId)} className="text-accent hover:underline">
                <span dangerouslySetInnerHTML={{ __html: followUp.html }} />
              </Link>
            ) : (
              <span dangerouslySetInnerHTML={{ __html: followUp.html }} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
