// The app's icons as PNG (/icons/192.png, /icons/512-maskable.png …), for home screens and the
// web manifest; drawn from app/domain/app-icon.ts with the bundled font.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { appIconSvg, ICON_SIZES } from "~/domain/app-icon";
import { notFound } from "~/utils/responses";
import { svgToPng } from "~/utils/share-image.server";
import { pngResponse } from "~/utils/share-response.server";

const WEEK = 7 * 24 * 3600;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^(\d+)(-maskable)?\.png$/.exec(params.file ?? "");
  const size = Number(match?.[1]);
  if (!match || !ICON_SIZES.some((s) => s === size)) throw notFound();
  return pngResponse(request, svgToPng(appIconSvg(size, { maskable: !!match[2] }), "集"), WEEK);
}
