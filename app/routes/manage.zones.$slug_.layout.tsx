import "~/locales/staff";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import geomanStyles from "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import leafletStyles from "leaflet/dist/leaflet.css";
import { ClientOnly } from "~/components/client-only";
import { LayoutEditor } from "~/components/layout-editor";
import { CheckList, LayoutTable } from "~/components/layout-parts";
import { RULE_LIMITS, type CheckResult, type LayoutRules } from "~/domain/layout-checks";
import type { EditorCollection } from "~/domain/layout-editing";
import { readLayoutDocument, toFeatureCollection } from "~/domain/layout-document";
import { listCategories } from "~/models/category.server";
import {
  approvedLayout,
  getLayoutRules,
  listZoneLayouts,
  loadLayoutDocument,
  openLayout,
  saveDraft,
  saveLayoutRules,
  startDraft,
  storedChecks,
  submitLayout,
} from "~/models/layout.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicEnv } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { formatLocalDate, localized, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import type { MessageKey } from "~/locales/zh-CN";
import { RulesSchema } from "~/forms/layout-rules.server";
import { QuickLink } from "~/components/quick-link";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletStyles },
  { rel: "stylesheet", href: geomanStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("layout.titleFor", { zone: data?.zone.name ?? "" })]);

/** The largest draft accepted: 2,000 stalls with their attributes come to well under 2 MB. */
const MAX_BODY = 4 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const [approved, open, rules, categories, history] = await Promise.all([
    approvedLayout(db, zone.id),
    openLayout(db, zone.id),
    getLayoutRules(db, zone.id),
    listCategories(db),
    listZoneLayouts(db, zone.id),
  ]);
  const shown = open ?? approved;
  const document = shown ? await loadLayoutDocument(db, shown.id) : undefined;
  return {
    locale,
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    approved: approved
      ? {
          version: approved.version,
          stalls: history.find((h) => h.id === approved.id)?.stalls ?? 0,
        }
      : null,
    open: open
      ? {
          id: open.id,
          version: open.version,
          status: open.status as "draft" | "submitted" | "returned",
          reviewComment: open.review_comment,
          checks: storedChecks(open),
        }
      : null,
    // One string: a 2,000-stall draft is serialised once, not object by object.
    collection: document ? JSON.stringify(toFeatureCollection(document)) : null,
    document: document ?? null,
    rules,
    categories: categories.map((c) => ({ slug: c.slug, name: localized(c, "name", locale) })),
    history: history.map((h) => ({ ...h, stalls: Number(h.stalls) })),
    tiles: publicEnv(),
  };
}

type ActionResult =
  | { ok: true; message: MessageKey; checks?: CheckResult[] }
  | { ok: false; error: MessageKey; params?: Record<string, string | number> };

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { user, zone } = await requireZoneManager(request, params.slug);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY)
    return data<ActionResult>({ ok: false, error: "layout.error.tooLarge" }, { status: 413 });
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "start") {
    await startDraft(db, { zoneId: zone.id, userId: user.id }, now);
    return redirect(`/manage/zones/${zone.slug}/layout?started=1`);
  }
  if (intent === "rules") {
    const parsed = parseForm(RulesSchema, form);
    if (!parsed.ok)
      return data<ActionResult>({ ok: false, error: "layout.rules.invalid" }, { status: 400 });
    const rules: LayoutRules = { ...parsed.data, maxCoverage: parsed.data.maxCoverage / 100 };
    await saveLayoutRules(db, { zoneId: zone.id, userId: user.id, rules }, now);
    return data<ActionResult>({ ok: true, message: "layout.rules.saved" });
  }
  const layoutId = Number(form.get("layoutId"));
  if (intent === "submit") {
    const done = Number.isSafeInteger(layoutId)
      ? await submitLayout(db, { layoutId, zoneId: zone.id, userId: user.id }, now)
      : false;
    return done
      ? data<ActionResult>({ ok: true, message: "layout.submitted" })
      : data<ActionResult>({ ok: false, error: "layout.error.notEditable" }, { status: 409 });
  }
  if (intent === "save") {
    const text = form.get("layout");
    let value: unknown = null;
    try {
      value = typeof text === "string" ? JSON.parse(text) : null;
    } catch {
      value = null;
    }
    const categories = (await listCategories(db)).map((c) => c.slug);
    const read = readLayoutDocument(value, categories);
    if (!read.ok)
      return data<ActionResult>(
        { ok: false, error: `layout.error.${read.error}`, params: read.params },
        { status: 422 },
      );
    if (!Number.isSafeInteger(layoutId))
      return data<ActionResult>({ ok: false, error: "layout.error.notEditable" }, { status: 409 });
    const saved = await saveDraft(
      db,
      {
        layoutId,
        zoneId: zone.id,
        userId: user.id,
        document: read.document,
      },
      now,
    );
    return saved.ok
      ? data<ActionResult>({ ok: true, message: "layout.saved", checks: saved.checks })
      : data<ActionResult>({ ok: false, error: `layout.error.${saved.code}` }, { status: 409 });
  }
  return data<ActionResult>({ ok: false, error: "layout.error.notEditable" }, { status: 400 });
}

function Message({ result }: { result: ActionResult | undefined }) {
  const t = useT();
  if (!result) return null;
  return result.ok ? (
    <p className="notice notice-info" role="status">
      {t(result.message)}
    </p>
  ) : (
    <p className="notice notice-error" role="alert">
      {t(result.error, result.params)}
    </p>
  );
}

export default function LayoutPage() {
  const { zone, approved, open, collection, document, rules, categories, history, tiles } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionResult>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) =>
    navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const checks =
    fetcher.data && fetcher.data.ok && fetcher.data.checks
      ? fetcher.data.checks
      : (open?.checks ?? []);
  const editable = open && (open.status === "draft" || open.status === "returned");
  const categoryNames = Object.fromEntries(categories.map((c) => [c.slug, c.name]));
  const initial = collection ? (JSON.parse(collection) as EditorCollection) : null;

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>{t("layout.titleFor", { zone: zone.name })}</h1>
        <p className="lead">{t("layout.intro")}</p>
        {approved ? (
          <p>{t("layout.current", { version: approved.version, count: approved.stalls })}</p>
        ) : null}
      </div>
      {open ? (
        <p>
          <span className="badge badge-kind">
            {t("layout.version", {
              version: open.version,
              status: t(`layout.status.${open.status}`),
            })}
          </span>
        </p>
      ) : null}
      {open?.status === "returned" && open.reviewComment ? (
        <p className="notice notice-warning">
          {t("layout.returnedNote", { comment: open.reviewComment })}
        </p>
      ) : null}
      <Message result={result} />
      {!open ? (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="start"
            className="button button-primary"
            disabled={busy("start")}
          >
            {t("layout.startDraft")}
          </button>
        </Form>
      ) : null}
      {open ? <CheckList checks={checks} rules={rules} /> : null}
      {editable && initial ? (
        <>
          <Message result={fetcher.data} />
          <ClientOnly fallback={<p className="notice notice-warning">{t("layout.noJs")}</p>}>
            {() => (
              <LayoutEditor
                initial={initial}
                categories={categories}
                checks={checks}
                tiles={tiles.MAP_TILES}
                saving={fetcher.state !== "idle"}
                onSave={(next) =>
                  fetcher.submit(
                    { intent: "save", layoutId: String(open.id), layout: JSON.stringify(next) },
                    { method: "post" },
                  )
                }
              />
            )}
          </ClientOnly>
          <Form method="post" className="card stack-tight">
            <input type="hidden" name="layoutId" value={open.id} />
            {checks.some((c) => !c.passed) ? (
              <p className="hint">{t("layout.submitBlocked")}</p>
            ) : null}
            <p>
              <button
                type="submit"
                name="intent"
                value="submit"
                className="button button-primary"
                disabled={busy("submit")}
              >
                {busy("submit") ? t("layout.submitting") : t("layout.submit")}
              </button>
            </p>
          </Form>
        </>
      ) : null}
      {document ? <LayoutTable document={document} categoryNames={categoryNames} /> : null}
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("layout.rules")}</h2>
        <p className="hint">{t("layout.rulesHelp")}</p>
        <Form method="post" className="tool-grid">
          {(Object.keys(RULE_LIMITS) as (keyof LayoutRules)[]).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`rule-${key}`}>{t(`layout.rule.${key}`)}</label>
              <input
                id={`rule-${key}`}
                name={key}
                type="number"
                step="0.5"
                inputMode="decimal"
                min={key === "maxCoverage" ? 10 : RULE_LIMITS[key][0]}
                max={key === "maxCoverage" ? 90 : RULE_LIMITS[key][1]}
                defaultValue={key === "maxCoverage" ? Math.round(rules[key] * 100) : rules[key]}
                required
              />
            </div>
          ))}
          <button
            type="submit"
            name="intent"
            value="rules"
            className="button button-quiet tool-wide"
            disabled={busy("rules")}
          >
            {t("layout.rules.save")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("layout.history")}</h2>
        <ul className="plain-list">
          {history.map((h) => (
            <li key={h.id}>
              {t("layout.version", { version: h.version, status: t(`layout.status.${h.status}`) })}{" "}
              · {t("layout.table.caption", { count: h.stalls })} ·{" "}
              {formatLocalDate(
                locale,
                (h.decided_at ?? h.submitted_at ?? h.created_at).slice(0, 10),
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
