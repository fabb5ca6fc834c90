#!/usr/bin/env node
// A local SMTP server for e2e tests: the app sends real email (nodemailer over SMTP) here, and
// tests read what arrived over HTTP: GET /messages?to=<address> → [{ to, subject, text, html }].
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        for (const recipient of session.envelope.rcptTo) {
          messages.push({ to: recipient.address.toLowerCase(), subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "", receivedAt: new Date().toISOString() });
        }
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, "127.0.0.1");

http
  .createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${httpPort}`);
    if (url.pathname === "/health") return response.end("ok");
    if (url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      response.setHeader("content-type", "application/json");
      return response.end(JSON.stringify(messages.filter((message) => !to || message.to === to)));
    }
    response.statusCode = 404;
    response.end();
  })
  .listen(httpPort, "127.0.0.1", () => console.log(`[smtp-sink] SMTP on 127.0.0.1:${smtpPort}, messages on http://127.0.0.1:${httpPort}/messages`));
