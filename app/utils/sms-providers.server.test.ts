// The providers' signatures against the examples each provider publishes.
import { describe, expect, it } from "vitest";
import { aliyunSignature, percentEncode, tencentAuthorization } from "./sms-providers.server";

describe("Alibaba Cloud's RPC signature", () => {
  it("matches the SendSms example of Alibaba Cloud's SMS documentation", () => {
    const params = {
      AccessKeyId: "testId",
      Action: "SendSms",
      Format: "XML",
      OutId: "123",
      PhoneNumbers: "15300000001",
      RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
      SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007",
      TemplateParam: '{"customer":"test"}',
      Timestamp: "2017-07-12T02:42:19Z",
      Version: "2017-05-25",
    };
    expect(aliyunSignature("GET", params, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    expect(percentEncode("zJDF+Lrzhj/ThnlvIToysFRq6t4=")).toBe(
      "zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D",
    );
  });

  it("encodes as RFC 3986 wants: spaces as %20, * and ' encoded, ~ kept", () => {
    expect(percentEncode("a b*c'~(x)!")).toBe("a%20b%2Ac%27~%28x%29%21");
  });
});

describe("Tencent Cloud's TC3-HMAC-SHA256", () => {
  it("matches the example of Tencent Cloud's signature v3 documentation", () => {
    expect(
      tencentAuthorization({
        secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service: "cvm",
        host: "cvm.tencentcloudapi.com",
        timestamp: 1551113065,
        payload:
          '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      }),
    ).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, " +
        "SignedHeaders=content-type;host, " +
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    );
  });
});
