// The SMS providers Jishi can send through, each speaking its documented API with its documented
// request signing: Alibaba Cloud (Dysmsapi SendSms, RPC signature HMAC-SHA1) and Tencent Cloud
// (SMS SendSms 2021-01-11, TC3-HMAC-SHA256). "log" sends nothing: the message stays in the outbox
// and the server log, which is what the demo and the tests read. A provider answers whether the
// message was accepted, and if not whether trying again later can help. docs/decisions/018-sms.md
import { createHash, createHmac, randomUUID } from "node:crypto";
import type { SmsLocale } from "~/domain/sms-templates";

export interface SmsRequest {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  templateCode: string;
  /** In the template's parameter order (Tencent numbers them; Alibaba names them). */
  params: [string, string][];
  locale: SmsLocale;
  /** Our outbox id: the provider echoes it back (OutId / SessionContext). */
  reference: string;
}

export type SmsResult =
  | { ok: true; messageId: string; status: string }
  | {
      ok: false;
      /** True when the same message may be accepted later (throttled, timed out, provider down). */
      retry: boolean;
      code: string;
      message: string;
    };

export interface SmsProvider {
  name: "aliyun" | "tencent" | "log";
  send(request: SmsRequest): Promise<SmsResult>;
}

// RFC 3986, as Alibaba Cloud's signature asks: encodeURIComponent leaves !'()* alone.
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Alibaba Cloud's RPC signature (version 1.0, HMAC-SHA1) of a request's parameters. */
export function aliyunSignature(
  method: "GET" | "POST",
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) =>
  createHmac("sha256", key).update(text).digest();

/** Tencent Cloud's TC3-HMAC-SHA256 Authorization header for a JSON POST to `host`. */
export function tencentAuthorization({
  secretId,
  secretKey,
  service,
  host,
  timestamp,
  payload,
  contentType = "application/json; charset=utf-8",
}: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Seconds since the epoch, as sent in X-TC-Timestamp. */
  timestamp: number;
  payload: string;
  contentType?: string;
}): string {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    "POST",
    "/",
    "",
    `content-type:${contentType}\nhost:${host}\n`,
    "content-type;host",
    sha256(payload),
  ].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", timestamp, scope, sha256(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/** A POST that gives up after `timeoutMs`: the page or job waiting on it must never hang. */
async function post(
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<{ status: number; json: unknown } | { error: string }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    try {
      return { status: response.status, json: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, json: { raw: text.slice(0, 200) } };
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return {
      error:
        name === "TimeoutError" || name === "AbortError"
          ? "timeout"
          : `unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function unreachable(error: string): SmsResult {
  return {
    ok: false,
    retry: true,
    code: error === "timeout" ? "Timeout" : "Unreachable",
    message: error,
  };
}

// Codes after which the same message may go through later; every other refusal is final (a
// template not approved, a number that is not a mobile number, a wrong key).
const ALIYUN_RETRY =
  /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|Throttling|ServiceUnavailable|InternalError|isp\.)/;
const TENCENT_RETRY =
  /^(LimitExceeded\.|RequestLimitExceeded|InternalError|FailedOperation\.InsufficientBalanceInSmsPackage|ResourceUnavailable)/;

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  timeoutMs: number;
}

export function aliyunProvider(config: AliyunConfig, now = () => new Date()): SmsProvider {
  return {
    name: "aliyun",
    async send(request) {
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        RegionId: "cn-hangzhou",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        Timestamp: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
        PhoneNumbers: request.phone,
        SignName: config.signName,
        TemplateCode: request.templateCode,
        TemplateParam: JSON.stringify(Object.fromEntries(request.params)),
        OutId: request.reference,
      };
      const body = new URLSearchParams({
        ...params,
        Signature: aliyunSignature("POST", params, config.accessKeySecret),
      }).toString();
      const answer = await post(
        config.endpoint,
        { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
        config.timeoutMs,
      );
      if ("error" in answer) return unreachable(answer.error);
      const json = answer.json as { Code?: string; Message?: string; BizId?: string };
      if (json.Code === "OK") return { ok: true, messageId: json.BizId ?? "", status: "OK" };
      const code = json.Code ?? `HTTP ${answer.status}`;
      return {
        ok: false,
        retry: ALIYUN_RETRY.test(code) || answer.status >= 500,
        code,
        message: json.Message ?? "",
      };
    },
  };
}

export interface TencentConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  endpoint: string;
  timeoutMs: number;
}

export function tencentProvider(config: TencentConfig, now = () => new Date()): SmsProvider {
  const host = new URL(config.endpoint).host;
  return {
    name: "tencent",
    async send(request) {
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${request.phone}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: request.templateCode,
        TemplateParamSet: request.params.map(([, value]) => value),
        SessionContext: request.reference,
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const answer = await post(
        config.endpoint,
        {
          headers: {
            Authorization: tencentAuthorization({
              secretId: config.secretId,
              secretKey: config.secretKey,
              service: "sms",
              host,
              timestamp,
              payload,
            }),
            "Content-Type": "application/json; charset=utf-8",
            Host: host,
            "X-TC-Action": "SendSms",
            "X-TC-Version": "2021-01-11",
            "X-TC-Timestamp": String(timestamp),
            "X-TC-Region": config.region,
          },
          body: payload,
        },
        config.timeoutMs,
      );
      if ("error" in answer) return unreachable(answer.error);
      const response = (
        answer.json as {
          Response?: {
            Error?: { Code: string; Message: string };
            SendStatusSet?: { Code: string; Message: string; SerialNo: string }[];
          };
        }
      ).Response;
      const failure = response?.Error ?? response?.SendStatusSet?.find((s) => s.Code !== "Ok");
      const sent = response?.SendStatusSet?.[0];
      if (!failure && sent) return { ok: true, messageId: sent.SerialNo, status: sent.Code };
      const code = failure?.Code ?? `HTTP ${answer.status}`;
      return {
        ok: false,
        retry: TENCENT_RETRY.test(code) || answer.status >= 500,
        code,
        message: failure?.Message ?? "",
      };
    },
  };
}

/** Sends nothing: the outbox row and the server log are the message. */
export const logProvider: SmsProvider = {
  name: "log",
  async send(request) {
    return { ok: true, messageId: `log-${request.reference}`, status: "logged" };
  },
};
