import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useState } from "react";
import { appearanceWhen } from "~/components/appearance";
import { ClientOnly } from "~/components/client-only";
import { FormError } from "~/components/form-field";
import { PinPicker } from "~/components/pin-picker.client";
import { parsePolygon, toMetres, ringCenter, type Position } from "~/domain/geo";
import { REPORT_CATEGORIES } from "~/domain/reports";
import type { MessageKey } from "~/locales/zh-CN";
import { createReport } from "~/models/report.server";
import { stallAbout } from "~/models/stall-card.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { getOptionalUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readPhotoUpload } from "~/utils/document-upload.server";
import { publicEnv } from "~/utils/env.server";
import { localized, translator, useT, type Params } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import {
  countAttempt,
  LIMITS,
  limitWait,
  tooManyAttempts,
  retryAfterHeaders,
} from "~/utils/rate-limit.server";
import { storeUpload, uploadOwner } from "~/utils/upload-store.server";
import { parseForm } from "~/utils/form.server";
import { ReportSchema } from "~/forms/report.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data
      ? translator(data.locale)("report.titleFor", { market: data.zone.name })
      : undefined,
    description: data ? translator(data.locale)("report.intro") : undefined,
  });

async function zoneFor(slug: string | undefined) {
  const zone = slug ? await getZoneBySlug(db, slug) : undefined;
  if (!zone) throw notFound();
  return zone;
}

export const headers = retryAfterHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = await zoneFor(params.slug);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const about = await stallAbout(
    db,
    zone.id,
    url.searchParams.get("stall") ?? "",
    url.searchParams.get("session"),
  );
  return {
    locale,
    // Opened from a stall's card: the report will say which stall, session and vendor.
    about: about && {
      stall: about.stallCode,
      session: about.session && `${about.session.localDate}|${about.session.key}`,
      when: about.session
        ? appearanceWhen(locale, {
            local_date: about.session.localDate,
            starts_at: about.session.startsAt,
            ends_at: about.session.endsAt,
            time_zone: about.timeZone,
          })
        : null,
      vendor: about.vendor?.name ?? null,
    },
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    boundary: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
    tiles: publicEnv(),
  };
}

/** A pin further than this from the market's centre is a slip of the finger. */
const PIN_REACH_M = 500;

type Errors = Partial<Record<"category" | "description" | "contact" | "form", MessageKey>>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const now = new Date();
  const zone = await zoneFor(params.slug);
  const keys = [`report-ip:${context.clientIp}`];
  const wait = await limitWait(keys, LIMITS.report);
  if (wait > 0) return tooManyAttempts(wait);
  const upload = await readPhotoUpload(request);
  if (!upload.ok)
    return data(
      {
        errors: {
          form: upload.error === "documents.error.badType" ? "report.error.photo" : upload.error,
        } as Errors,
      },
      { status: upload.status },
    );
  const parsed = parseForm(ReportSchema, upload.fields);
  if (!parsed.ok) {
    // The hidden "website" field is a trap for bots: its error is the form's.
    const { website, ...errors } = parsed.errors;
    return data(
      { errors: { ...errors, ...(website ? { form: website } : {}) } as Errors },
      { status: 400 },
    );
  }
  const { lng, lat } = { lng: Number(parsed.data.lng), lat: Number(parsed.data.lat) };
  let position: { lng: number; lat: number } | null = null;
  if (parsed.data.lng !== "" || parsed.data.lat !== "") {
    const centre = ringCenter(parsePolygon(zone.boundary)?.coordinates[0] ?? [[0, 0]]);
    const [east, north] =
      Number.isFinite(lng) && Number.isFinite(lat) ? toMetres(centre, [lng, lat]) : [Infinity, 0];
    if (!(Math.hypot(east, north) <= PIN_REACH_M))
      return data({ errors: { form: "report.error.position" } as Errors }, { status: 400 });
    position = { lng, lat };
  }
  await countAttempt(keys);
  const about = await stallAbout(db, zone.id, parsed.data.stall, parsed.data.session || null);
  // A report about a stall is where the stall is, unless the reporter put a pin elsewhere.
  if (!position && about) position = about.position;
  const user = await getOptionalUser(request);
  let photo: { name: string; type: string } | null = null;
  if (upload.file) {
    const stored = await storeUpload(
      {
        owner: uploadOwner(user?.id, context.clientIp),
        purpose: "report_photo",
        bytes: upload.file.bytes,
        ext: upload.file.type.ext,
      },
      now,
    );
    if (!stored.ok)
      return data(
        { errors: { form: stored.error } as Errors, errorParams: stored.params },
        { status: stored.status },
      );
    photo = { name: stored.name, type: upload.file.type.contentType };
  }
  const report = await createReport(
    db,
    {
      zoneId: zone.id,
      category: parsed.data.category as (typeof REPORT_CATEGORIES)[number],
      description: parsed.data.description,
      photo,
      position,
      contact: parsed.data.contact || null,
      userId: user?.id ?? null,
      about,
    },
    now,
  );
  return redirect(`/reports/${report.code}?new=1`);
}

export default function ReportProblem() {
  const { zone, boundary, tiles, about } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Errors = (result && "errors" in result ? result.errors : {}) as Errors;
  const t = useT();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  const [pin, setPin] = useState<Position | null>(null);
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to={`/markets/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>{t("report.titleFor", { market: zone.name })}</h1>
        <p className="lead">{t("report.intro")}</p>
      </div>
      <Form method="post" encType="multipart/form-data" className="card stack" noValidate>
        {about ? (
          <p className="notice notice-info">
            {t("report.aboutStall", { stall: about.stall })}
            {about.when ? ` · ${about.when}` : ""}
            {about.vendor ? ` · ${t("report.aboutVendor", { vendor: about.vendor })}` : ""}
            <input type="hidden" name="stall" value={about.stall} />
            {about.session ? <input type="hidden" name="session" value={about.session} /> : null}
          </p>
        ) : null}
        <FormError
          error={errors.form}
          params={
            result && "errorParams" in result
              ? (result.errorParams as Params | undefined)
              : undefined
          }
        />
        <fieldset className="field">
          <legend>{t("report.category")}</legend>
          {REPORT_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input type="radio" name="category" value={c} required /> {t(`report.category.${c}`)}
            </label>
          ))}
          {errors.category ? <p className="field-error">{t(errors.category)}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="description">{t("report.description")}</label>
          <textarea
            id="description"
            name="description"
            rows={4}
            maxLength={2000}
            required
            aria-describedby="description-hint"
            aria-invalid={errors.description ? true : undefined}
          />
          <p id="description-hint" className="hint">
            {t("report.descriptionHint")}
          </p>
          {errors.description ? <p className="field-error">{t(errors.description)}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="photo">{t("report.photo")}</label>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png"
            aria-describedby="photo-hint"
          />
          <p id="photo-hint" className="hint">
            {t("report.photoHint")}
          </p>
        </div>
        <ClientOnly fallback={null}>
          {() => (
            <div className="field">
              <p>{t("report.pin")}</p>
              <div className="map-box map-box-short" role="region" aria-label={t("report.pin")}>
                <PinPicker boundary={boundary} tiles={tiles.MAP_TILES} onPick={setPin} />
              </div>
              <p role="status" className="hint">
                {pin ? t("report.pinSet") : ""}
              </p>
            </div>
          )}
        </ClientOnly>
        <input type="hidden" name="lng" value={pin ? String(pin[0]) : ""} />
        <input type="hidden" name="lat" value={pin ? String(pin[1]) : ""} />
        <div className="field">
          <label htmlFor="contact">{t("report.contact")}</label>
          <input id="contact" name="contact" maxLength={100} autoComplete="tel" />
          {errors.contact ? <p className="field-error">{t(errors.contact)}</p> : null}
        </div>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? t("report.submitting") : t("report.submit")}
        </button>
      </Form>
    </div>
  );
}
