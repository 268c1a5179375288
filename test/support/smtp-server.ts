/**
 * A real SMTP server on loopback (smtp-server, port 0) that keeps every message it accepts,
 * parsed by mailparser, and the credentials it was given. `reject` makes the next messages fail
 * with an SMTP reply code.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export async function smtpTestServer() {
  const received: Array<{ mail: ParsedMail; envelopeTo: string[] }> = [];
  const logins: Array<{ username: string; password: string }> = [];
  const state: { rejectWith: number | null } = { rejectWith: null };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        if (state.rejectWith !== null) {
          const error = Object.assign(new Error("mailbox unavailable"), { responseCode: state.rejectWith });
          return callback(error);
        }
        received.push({ mail, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    logins,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
