import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { CheckList, LayoutTable } from "~/components/layout-parts";
import { packStalls, StallMap, type MapStall } from "~/components/stall-map";
import { diffLayouts } from "~/domain/layout-document";
import { listCategories } from "~/models/category.server";
import {
  approveLayout,
  getLayout,
  layoutBefore,
  getLayoutRules,
  loadLayoutDocument,
  returnLayout,
  storedChecks,
} from "~/models/layout.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicEnv } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { LayoutReviewSchema } from "~/forms/layout-rules.server";
import { formatInstant, localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import type { MessageKey } from "~/locales/zh-CN";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [
    data && t("layout.review.title", { zone: data.zone, version: data.version }),
  ]);

const DIFF_HEADING = {
  inUse: "layout.diff",
  previous: "layout.diff.previous",
  nothing: "layout.diff.first",
} as const satisfies Record<string, MessageKey>;

const COLOURS = { added: "#1d8a55", removed: "#b42318", moved: "#c77700", same: "#7b8a81" };

async function loadReview(id: number) {
  const layout = Number.isSafeInteger(id) ? await getLayout(db, id) : undefined;
  if (!layout) throw notFound();
  const base = await layoutBefore(db, layout);
  const [document, before] = await Promise.all([
    loadLayoutDocument(db, layout.id),
    base ? loadLayoutDocument(db, base.layout.id) : undefined,
  ]);
  const against: keyof typeof DIFF_HEADING = base?.against ?? "nothing";
  return { layout, document: document!, before, against };
}

// The office reviews a submitted layout: the checks, what changed against the version in use,
// on a map and as lists, and decides.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "office");
  const locale = await getLocale(request);
  const { layout, document, before, against } = await loadReview(Number(params.id));
  const [rules, categories] = await Promise.all([
    getLayoutRules(db, layout.zone_id),
    listCategories(db),
  ]);
  const diff = diffLayouts(before?.stalls ?? [], document.stalls);
  const checks = storedChecks(layout);
  const failing = new Set(checks.filter((c) => !c.passed).flatMap((c) => c.offenders));
  const added = new Set(diff.added);
  const moved = new Set([...diff.moved, ...diff.changed]);
  const stalls: MapStall[] = [
    ...document.stalls.map((s, i) => {
      const state = added.has(s.code) ? "added" : moved.has(s.code) ? "moved" : "same";
      return {
        id: i + 1,
        code: s.code,
        tone: "taken" as const,
        color: failing.has(s.code) ? COLOURS.removed : COLOURS[state],
        label: `${s.code}`,
        ring: s.ring,
      };
    }),
    ...(before?.stalls ?? [])
      .filter((s) => diff.removed.includes(s.code))
      .map((s, i) => ({
        id: 100_000 + i,
        code: s.code,
        tone: "free" as const,
        color: COLOURS.removed,
        label: `${s.code}`,
        ring: s.ring,
      })),
  ];
  return {
    locale,
    id: layout.id,
    zone: localized(layout, "name", locale),
    slug: layout.slug,
    version: layout.version,
    status: layout.status,
    submittedBy: layout.submitted_by_name ?? "",
    submittedAt: layout.submitted_at
      ? formatInstant(locale, layout.submitted_at, layout.time_zone)
      : "",
    checks,
    rules,
    diff,
    against,
    document,
    categoryNames: Object.fromEntries(
      categories.map((c) => [c.slug, localized(c, "name", locale)]),
    ),
    boundary: document.boundary,
    mapStalls: packStalls(stalls),
    tiles: publicEnv(),
  };
}

type ActionResult =
  | { ok: true; message: MessageKey; params?: Record<string, number> }
  | { ok: false; error: MessageKey; params?: Record<string, number> };

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const office = await requireRole(request, "office");
  const id = Number(params.id);
  if (!Number.isSafeInteger(id)) throw notFound();
  const parsed = parseForm(LayoutReviewSchema, await readFormData(request));
  if (!parsed.ok) {
    // A comment that is missing or too long; anything else is a form this page never sends.
    const errors = parsed.errors as Record<string, MessageKey>;
    const field = errors.comment ? "comment" : "reason";
    const error = errors[field];
    return data<ActionResult>(
      error
        ? { ok: false, error, params: parsed.errorParams[field] }
        : { ok: false, error: "layout.error.notSubmitted" },
      { status: 400 },
    );
  }
  const asked = parsed.data;
  if (asked.intent === "return") {
    const { comment } = asked;
    return (await returnLayout(db, { layoutId: id, userId: office.id, comment }, now))
      ? data<ActionResult>({ ok: true, message: "layout.returned" })
      : data<ActionResult>({ ok: false, error: "layout.error.notSubmitted" }, { status: 409 });
  }
  const result = await approveLayout(
    db,
    { layoutId: id, userId: office.id, reason: asked.reason },
    now,
  );
  if (!result.ok)
    return data<ActionResult>(
      { ok: false, error: `layout.error.${result.code}` },
      { status: result.code === "reasonNeeded" ? 400 : 409 },
    );
  return data<ActionResult>({
    ok: true,
    message: "layout.approvedResult",
    params: { kept: result.kept, moved: result.moved, cancelled: result.cancelled },
  });
}

export default function ReviewLayout() {
  const {
    zone,
    slug,
    version,
    status,
    submittedBy,
    submittedAt,
    checks,
    rules,
    diff,
    against,
    document,
    categoryNames,
    boundary,
    mapStalls,
    tiles,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = (intent: string) =>
    navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const failing = checks.some((c) => !c.passed);
  const lines = (["added", "removed", "moved", "changed"] as const).filter((k) => diff[k].length);
  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to="/manage/layouts">← {t("layout.review.queue")}</QuickLink>
        </p>
        <h1>{t("layout.review.title", { zone, version })}</h1>
        <p className="hint">
          {t("layout.review.submittedBy", { name: submittedBy, at: submittedAt })} ·{" "}
          <span className="badge badge-kind">{t(`layout.status.${status}`)}</span>
        </p>
      </div>
      {result ? (
        result.ok ? (
          <p className="notice notice-info" role="status">
            {t(result.message, result.params)} <QuickLink to={`/markets/${slug}`}>{zone}</QuickLink>
          </p>
        ) : (
          <p className="notice notice-error" role="alert">
            {t(result.error, result.params)}
          </p>
        )
      ) : null}
      <CheckList checks={checks} rules={rules} />
      <section className="card stack-tight" aria-labelledby="diff-heading">
        <h2 id="diff-heading">{t(DIFF_HEADING[against])}</h2>
        {lines.length === 0 ? (
          <p>{t("layout.diff.none")}</p>
        ) : (
          <ul className="diff-list">
            {lines.map((k) => (
              <li key={k}>
                <span
                  className={`swatch swatch-${k === "changed" ? "moved" : k}`}
                  aria-hidden="true"
                />
                {t("layout.diff.line", {
                  name: t(`layout.diff.${k}`),
                  count: diff[k].length,
                  codes: diff[k].join(", "),
                })}
              </li>
            ))}
          </ul>
        )}
        <StallMap
          boundary={boundary}
          stalls={mapStalls}
          tiles={tiles.MAP_TILES}
          label={t("book.mapLabel")}
          loading={t("map.loading")}
        />
        <ul className="legend">
          <li>
            <span className="swatch swatch-added" aria-hidden="true" />
            {t("layout.legend.added")}
          </li>
          <li>
            <span className="swatch swatch-removed" aria-hidden="true" />
            {t("layout.legend.removed")} / {t("layout.legend.failing")}
          </li>
          <li>
            <span className="swatch swatch-moved" aria-hidden="true" />
            {t("layout.legend.moved")}
          </li>
        </ul>
      </section>
      {status === "submitted" && !(result && result.ok) ? (
        <div className="layout-decide">
          <Form method="post" className="card stack-tight">
            {failing ? (
              <div className="field">
                <label htmlFor="reason">{t("layout.overrideReason")}</label>
                <textarea id="reason" name="reason" rows={3} maxLength={1000} required />
              </div>
            ) : null}
            <button
              type="submit"
              name="intent"
              value="approve"
              className="button button-primary"
              disabled={busy("approve")}
            >
              {busy("approve") ? t("layout.approving") : t("layout.approve")}
            </button>
          </Form>
          <Form method="post" className="card stack-tight">
            <div className="field">
              <label htmlFor="comment">{t("layout.returnComment")}</label>
              <textarea id="comment" name="comment" rows={3} maxLength={1000} required />
            </div>
            <button
              type="submit"
              name="intent"
              value="return"
              className="button button-danger"
              disabled={busy("return")}
            >
              {t("layout.return")}
            </button>
          </Form>
        </div>
      ) : null}
      <LayoutTable document={document} categoryNames={categoryNames} />
    </div>
  );
}
