import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { e2eSmtpPort } from "../../playwright.config";

type ReceivedMail = { to: string; subject: string; text: string };

/** A real SMTP server on the port the e2e app sends to; `nextMail` waits for the next message. */
export async function startMailServer() {
  const inbox: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          const mail = { to: to ?? "", subject: parsed.subject ?? "", text: parsed.text ?? "" };
          const waiter = waiting.shift();
          if (waiter) waiter(mail);
          else inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e2eSmtpPort, "127.0.0.1", resolve);
  });
  return {
    nextMail: () =>
      new Promise<ReceivedMail>((resolve) => (inbox.length > 0 ? resolve(inbox.shift()!) : waiting.push(resolve))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
