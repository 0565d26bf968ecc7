// Demo papers: small, valid one-page PDFs that say plainly they are demo documents.
import type { DocumentKind } from "../schema";

const TITLES: Record<DocumentKind, string> = {
  identity: "Identity card",
  business_licence: "Business licence",
  health_certificate: "Health certificate",
  food_permit: "Food business permit",
};

/** A valid PDF 1.4 file with a few lines of Helvetica text and a correct cross-reference table. */
export function demoPdf(lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    "BT /F1 14 Tf 40 150 Td 18 TL",
    ...lines.map((line) => `(${escape(line)}) Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export function demoDocumentPdf(kind: DocumentKind, holder: string, expiresOn: string): Buffer {
  return demoPdf([
    "JISHI DEMO DOCUMENT - NOT A REAL PAPER",
    TITLES[kind],
    `Holder: ${holder}`,
    `Valid until: ${expiresOn}`,
  ]);
}

/** Fixed dates, so the demo reads the same on every machine for years to come. */
export const DEMO_EXPIRY: Record<DocumentKind, string> = {
  identity: "2036-05-31",
  business_licence: "2031-12-31",
  health_certificate: "2028-03-31",
  food_permit: "2029-06-30",
};
