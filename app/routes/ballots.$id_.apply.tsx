// A vendor applies to a ballot, changes or withdraws the application until the close, and after
// the draw sees their place and stall. A service counter may do it for the vendor it acts for.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BallotApplySchema } from "~/forms/ballot-apply.server";
import { MAX_PREFERENCES, type BallotRefusal } from "~/domain/ballot-rules";
import {
  applyToBallot,
  ballotState,
  getPublicBallot,
  vendorBallotView,
  withdrawApplication,
} from "~/models/ballot.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readFormData, parseForm } from "~/utils/form.server";
import { localized, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data ? t("ballot.apply.title", { title: data.title }) : null]);

async function load(request: Request, id: string | undefined) {
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const ballot = id ? await getPublicBallot(db, id) : undefined;
  if (!ballot) throw notFound();
  return { vendor, clerk, ballot };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { vendor, ballot } = await load(request, params.id);
  const locale = await getLocale(request);
  const view = await vendorBallotView(db, ballot, vendor.id, now);
  const saved = new URL(request.url).searchParams.get("done");
  return {
    locale,
    id: ballot.public_id,
    title: localized(ballot, "title", locale),
    state: ballotState(ballot, now),
    done: saved === "saved" || saved === "withdrawn" ? saved : null,
    ...view,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { vendor, clerk, ballot } = await load(request, params.id);
  const parsed = parseForm(BallotApplySchema, await readFormData(request));
  if (!parsed.ok) return data({ refusal: "ballotUnknownChoice" as BallotRefusal }, { status: 400 });
  const base = `/ballots/${ballot.public_id}/apply`;
  if (parsed.data.intent === "withdraw") {
    const { ok } = await withdrawApplication(
      db,
      { ballotId: ballot.id, vendorId: vendor.id, clerkUserId: clerk?.id },
      now,
    );
    if (!ok) return data({ refusal: "ballotClosed" as BallotRefusal }, { status: 409 });
    throw redirect(`${base}?done=withdrawn`);
  }
  const asked = parsed.data;
  // Ranked choices, blanks and repeats left out, in the order given.
  const preferences = [
    ...new Set([asked.pref1, asked.pref2, asked.pref3, asked.pref4, asked.pref5].filter(Boolean)),
  ] as string[];
  const result = await applyToBallot(
    db,
    {
      ballotId: ballot.id,
      vendorId: vendor.id,
      preferences,
      anyStall: asked.anyStall === "on",
      ownProduce: asked.ownProduce === "on",
      clerkUserId: clerk?.id,
    },
    now,
  );
  if (!result.ok) return data({ refusal: result.refusal }, { status: 409 });
  throw redirect(`${base}?done=saved`);
}

export default function ApplyToBallot() {
  const view = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting";
  const refusal = sent?.refusal ?? null;
  const mine = view.application;
  return (
    <div className="page narrow stack">
      <p>
        <QuickLink to={`/ballots/${view.id}`}>← {t("ballot.apply.back")}</QuickLink>
      </p>
      <h1>{t("ballot.apply.title", { title: view.title })}</h1>
      {view.done ? (
        <p className="notice notice-info" role="status">
          {t(view.done === "saved" ? "ballot.apply.saved" : "ballot.apply.withdrawn")}
        </p>
      ) : null}
      {refusal ? (
        <p className="notice notice-error" role="alert">
          {t(`ballot.refusal.${refusal}`)}
        </p>
      ) : null}

      {view.state === "drawn" ? (
        <p className="card">
          {view.result
            ? view.result.stall
              ? t("ballot.apply.resultPlaced", {
                  place: view.result.place,
                  stall: view.result.stall,
                })
              : t("ballot.apply.resultWaiting", { place: view.result.place })
            : view.leftOut
              ? t("ballot.apply.leftOut")
              : t("ballot.apply.notApplied")}
        </p>
      ) : (
        <p>{mine ? t("ballot.apply.yours", { id: mine.id }) : t("ballot.apply.notYet")}</p>
      )}

      {view.state === "drawn" ? null : view.refusal ? (
        <div className="notice notice-warning">
          <h2>{t("ballot.apply.cannot")}</h2>
          <p>{t(`ballot.refusal.${view.refusal}`)}</p>
          {view.refusal === "documentsMissing" ? (
            <p>
              <QuickLink to="/vendor/documents">{t("ballot.apply.papersLink")}</QuickLink>
            </p>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="card stack" key={mine?.id ?? "new"}>
          <p className="hint">{t("ballot.apply.intro")}</p>
          {Array.from({ length: MAX_PREFERENCES }, (_, i) => (
            <div className="field" key={i}>
              <label htmlFor={`pref${i + 1}`}>{t("ballot.apply.choice", { n: i + 1 })}</label>
              <select
                id={`pref${i + 1}`}
                name={`pref${i + 1}`}
                defaultValue={mine?.preferences[i] ?? ""}
              >
                <option value="">{t("ballot.apply.none")}</option>
                {view.rows.map((row) => (
                  <option key={row} value={`row:${row}`}>
                    {t("ballot.apply.row", { row })}
                  </option>
                ))}
                {view.stalls.map((code) => (
                  <option key={code} value={`stall:${code}`}>
                    {code}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <label className="check">
            <input type="checkbox" name="anyStall" defaultChecked={mine?.anyStall ?? true} />{" "}
            {t("ballot.apply.anyStall")}
          </label>
          {view.zoneKind === "rural" ? (
            <div>
              <label className="check">
                <input
                  type="checkbox"
                  name="ownProduce"
                  defaultChecked={mine?.ownProduce ?? false}
                  aria-describedby="own-produce-hint"
                />{" "}
                {t("ballot.apply.ownProduce")}
              </label>
              <p className="hint" id="own-produce-hint">
                {t("ballot.apply.ownProduceHint")}
              </p>
            </div>
          ) : null}
          <p className="actions">
            <button
              type="submit"
              name="intent"
              value="apply"
              className="button button-primary"
              disabled={saving}
            >
              {saving
                ? t("ballot.apply.saving")
                : mine
                  ? t("ballot.apply.update")
                  : t("ballot.apply.submit")}
            </button>
            {mine ? (
              <button
                type="submit"
                name="intent"
                value="withdraw"
                className="button button-quiet"
                disabled={saving}
              >
                {t("ballot.apply.withdraw")}
              </button>
            ) : null}
          </p>
        </Form>
      )}
    </div>
  );
}
