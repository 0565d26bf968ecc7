// The notifier against a real SMTP server on loopback: with SMTP_URL set, e-mail really goes out.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "./db.server";

const received: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the notifier", () => {
  it("queues every message in the outbox, and sends e-mail through SMTP when SMTP_URL is set", async () => {
    const { port } = server.server.address() as AddressInfo;
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
    vi.resetModules();
    const { deliverMessages, notifier } = await import("./notifier.server");
    const { resetEnvForTests } = await import("./env.server");
    resetEnvForTests();

    await notifier.send(db, {
      channel: "email",
      recipient: "wang@jishi.example",
      subject: "Test",
      body: "你好",
    });
    await notifier.send(db, {
      channel: "sms",
      recipient: "13800000001",
      subject: "Test",
      body: "短信",
    });

    await deliverMessages(db);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["wang@jishi.example"]);
    const rows = await db.selectFrom("outbox").selectAll().orderBy("id", "desc").limit(2).execute();
    const email = rows.find((r) => r.channel === "email")!;
    const sms = rows.find((r) => r.channel === "sms")!;
    expect(email).toMatchObject({ status: "sent", provider: "smtp", last_error: null });
    expect(email.sent_at).not.toBeNull();
    // SMS_PROVIDER=log: the outbox row and the log are the message.
    expect(sms).toMatchObject({ status: "sent", provider: "log" });
    vi.unstubAllEnvs();
    resetEnvForTests();
  });
});
