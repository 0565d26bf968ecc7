// A stand-in for both SMS providers on loopback, for tests and the bench: it speaks Alibaba
// Cloud's SendSms (POST /aliyun, form-encoded, RPC signature) and Tencent Cloud's SendSms
// (POST /tencent, JSON, TC3-HMAC-SHA256), checks each request's signature the way the provider
// documents it, and answers as told: accepted, throttled, template refused, or not at all.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { aliyunSignature, tencentAuthorization } from "../app/utils/sms-providers.server";

export const LOCAL_KEYS = {
  aliyun: { accessKeyId: "LTAI-local-test", accessKeySecret: "local-aliyun-secret" },
  tencent: {
    secretId: "AKID-local-test",
    secretKey: "local-tencent-secret",
    sdkAppId: "1400000000",
  },
};

export type Answer = "ok" | "throttle" | "badTemplate" | "hang";

export interface Received {
  provider: "aliyun" | "tencent";
  phone: string;
  templateCode: string;
  /** Alibaba's named parameters, or Tencent's in order under "1", "2", … */
  params: Record<string, string>;
  signName: string;
  reference: string;
  at: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSmsProvider({ delayMs = 0 }: { delayMs?: number } = {}) {
  const received: Received[] = [];
  const refusedSignatures: string[] = [];
  const state = { answer: "ok" as Answer, delayMs, requests: 0, inFlight: 0, mostInFlight: 0 };
  /** What the next requests get; "ok" again after `count` of them when given. */
  const answers: Answer[] = [];
  let serial = 0;

  const server = createServer(async (req, res) => {
    state.requests += 1;
    state.inFlight += 1;
    state.mostInFlight = Math.max(state.mostInFlight, state.inFlight);
    try {
      const body = await readBody(req);
      const answer = answers.shift() ?? state.answer;
      if (answer === "hang") return; // never answered: the client's timeout must end it
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.url === "/aliyun") {
        const form = Object.fromEntries(new URLSearchParams(body));
        const { Signature: signature = "", ...params } = form;
        if (
          params.AccessKeyId !== LOCAL_KEYS.aliyun.accessKeyId ||
          aliyunSignature("POST", params, LOCAL_KEYS.aliyun.accessKeySecret) !== signature
        ) {
          refusedSignatures.push("aliyun");
          return json(400, {
            Code: "SignatureDoesNotMatch",
            Message: "Specified signature is not matched",
          });
        }
        if (answer === "throttle")
          return json(200, {
            Code: "isv.BUSINESS_LIMIT_CONTROL",
            Message: "触发分钟级流控Permits:1",
          });
        if (answer === "badTemplate")
          return json(200, {
            Code: "isv.SMS_TEMPLATE_ILLEGAL",
            Message: "模板不合法(不存在或被拉黑)",
          });
        received.push({
          provider: "aliyun",
          phone: params.PhoneNumbers ?? "",
          templateCode: params.TemplateCode ?? "",
          params: JSON.parse(params.TemplateParam ?? "{}") as Record<string, string>,
          signName: params.SignName ?? "",
          reference: params.OutId ?? "",
          at: Date.now(),
        });
        return json(200, {
          Code: "OK",
          Message: "OK",
          BizId: `biz-${++serial}`,
          RequestId: "local",
        });
      }
      if (req.url === "/tencent") {
        const timestamp = Number(req.headers["x-tc-timestamp"]);
        const expected = tencentAuthorization({
          secretId: LOCAL_KEYS.tencent.secretId,
          secretKey: LOCAL_KEYS.tencent.secretKey,
          service: "sms",
          host: String(req.headers.host),
          timestamp,
          payload: body,
          contentType: String(req.headers["content-type"]),
        });
        if (req.headers.authorization !== expected || req.headers["x-tc-action"] !== "SendSms") {
          refusedSignatures.push("tencent");
          return json(200, {
            Response: {
              Error: { Code: "AuthFailure.SignatureFailure", Message: "signature mismatch" },
              RequestId: "local",
            },
          });
        }
        const request = JSON.parse(body) as {
          PhoneNumberSet: string[];
          TemplateId: string;
          TemplateParamSet: string[];
          SignName: string;
          SessionContext: string;
          SmsSdkAppId: string;
        };
        if (answer === "badTemplate")
          return json(200, {
            Response: {
              Error: {
                Code: "FailedOperation.TemplateIncorrectOrUnapproved",
                Message: "template unapproved",
              },
              RequestId: "local",
            },
          });
        const phone = request.PhoneNumberSet[0] ?? "";
        if (answer === "throttle")
          return json(200, {
            Response: {
              SendStatusSet: [
                {
                  SerialNo: "",
                  PhoneNumber: phone,
                  Code: "LimitExceeded.PhoneNumberThirtySecondLimit",
                  Message: "30s limit",
                },
              ],
              RequestId: "local",
            },
          });
        received.push({
          provider: "tencent",
          phone: phone.replace(/^\+86/, ""),
          templateCode: request.TemplateId,
          params: Object.fromEntries(request.TemplateParamSet.map((v, i) => [String(i + 1), v])),
          signName: request.SignName,
          reference: request.SessionContext,
          at: Date.now(),
        });
        return json(200, {
          Response: {
            SendStatusSet: [
              {
                SerialNo: `serial-${++serial}`,
                PhoneNumber: phone,
                Fee: 1,
                SessionContext: request.SessionContext,
                Code: "Ok",
                Message: "send success",
                IsoCode: "CN",
              },
            ],
            RequestId: "local",
          },
        });
      }
      json(404, {});
    } finally {
      state.inFlight -= 1;
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    refusedSignatures,
    state,
    /** The next `count` requests get `answer`; then the default again. */
    answerNext(answer: Answer, count = 1) {
      for (let i = 0; i < count; i++) answers.push(answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
