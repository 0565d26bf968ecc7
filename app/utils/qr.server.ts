// QR codes as SVG text, for receipts, posters and stall cards. The qrcode package is loaded by
// the first page that draws one, not by every server process at start (decision 029).
import type { QRCodeToStringOptions } from "qrcode";

export async function qrSvg(
  text: string,
  options: Omit<QRCodeToStringOptions, "type"> = {},
): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(text, { type: "svg", margin: 1, ...options });
}
