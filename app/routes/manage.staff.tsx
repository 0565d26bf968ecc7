import "~/locales/staff";
import { ManageHeader } from "~/components/manage-header";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/form-field";
import { INVITATION_LIFETIME_MS } from "~/models/password-reset.server";
import { createManager, listManagers, setManagerZones } from "~/models/staff.server";
import { listZonesWithSchedule } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { sendPasswordLink } from "~/utils/password-links.server";
import { CreateSchema } from "~/forms/staff.server";
import { notFound } from "~/utils/responses";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("staff.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "office");
  const locale = await getLocale(request);
  const [managers, clerks, zones] = await Promise.all([
    listManagers(db, "manager"),
    listManagers(db, "clerk"),
    listZonesWithSchedule(db, { activeOnly: false }),
  ]);
  return {
    locale,
    managers,
    clerks,
    zones: zones.map((z) => ({ id: z.id, name: localized(z, "name", locale) })),
  };
}

async function zoneIdsFrom(form: FormData): Promise<number[] | null> {
  const known = new Set((await listZonesWithSchedule(db, { activeOnly: false })).map((z) => z.id));
  const ids = form.getAll("zone").map((v) => Number(v));
  return ids.every((id) => known.has(id)) ? [...new Set(ids)] : null;
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const office = await requireRole(request, "office");
  const form = await readFormData(request);
  const zoneIds = await zoneIdsFrom(form);
  if (!zoneIds)
    return data({ errors: { form: "staff.error.zones" as const }, values: {} }, { status: 400 });

  if (form.get("intent") === "zones") {
    const managerId = Number(form.get("managerId"));
    const ok =
      Number.isSafeInteger(managerId) &&
      (await setManagerZones(db, { managerId, zoneIds, actorUserId: office.id }, now));
    if (!ok) throw notFound();
    return redirect("/manage/staff?saved=zones");
  }

  const values = Object.fromEntries(
    ["displayName", "phone", "email"].map((k) => [k, String(form.get(k) ?? "").slice(0, 254)]),
  );
  const parsed = parseForm(CreateSchema, form);
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, errorParams: parsed.errorParams, values },
      { status: 400 },
    );
  const result = await createManager(
    db,
    {
      displayName: parsed.data.displayName,
      phone: parsed.data.phone || null,
      email: parsed.data.email || null,
      zoneIds,
      actorUserId: office.id,
      role: parsed.data.role,
    },
    now,
  );
  if (!result.ok) {
    const errors =
      result.code === "phoneTaken"
        ? { phone: "join.error.phoneTaken" as const }
        : { email: "join.error.emailTaken" as const };
    return data({ errors, values }, { status: 400 });
  }
  await sendPasswordLink(result.user, "invitation", INVITATION_LIFETIME_MS);
  return redirect("/manage/staff?saved=created");
}

export default function Staff() {
  const { managers, clerks, zones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/manage/staff";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const saved = params.get("saved");

  return (
    <div className="page stack">
      <ManageHeader title={t("staff.title")} lead={t("staff.intro")} />
      {saved && !actionData ? (
        <p className="notice notice-info" role="status">
          {t(saved === "created" ? "staff.created" : "staff.zonesSaved")}
        </p>
      ) : null}
      <FormError error={errors.form} />
      {(
        [
          ["managers", t("staff.managers"), managers],
          ["clerks", t("staff.clerks"), clerks],
        ] as const
      ).map(([id, heading, people]) => (
        <section key={id} aria-labelledby={`${id}-heading`} className="stack">
          <h2 id={`${id}-heading`}>{heading}</h2>
          {people.length === 0 ? <p className="hint">{t("staff.none")}</p> : null}
          {people.map((m) => (
            <Form method="post" key={m.id} className="card">
              <input type="hidden" name="intent" value="zones" />
              <input type="hidden" name="managerId" value={m.id} />
              <h3>{m.display_name}</h3>
              <p className="hint">{[m.phone, m.email].filter(Boolean).join(" · ")}</p>
              <fieldset className="fieldset">
                <legend>{t("staff.zones")}</legend>
                <div className="checkbox-grid">
                  {zones.map((z) => (
                    <label key={z.id} className="checkbox">
                      <input
                        type="checkbox"
                        name="zone"
                        value={z.id}
                        defaultChecked={m.zoneIds.includes(z.id)}
                      />
                      {z.name}
                    </label>
                  ))}
                </div>
              </fieldset>
              <button type="submit" className="button button-quiet" disabled={busy}>
                {t("staff.saveZones", { name: m.display_name })}
              </button>
            </Form>
          ))}
        </section>
      ))}
      <section className="card" aria-labelledby="new-heading">
        <h2 id="new-heading">{t("staff.new")}</h2>
        <p className="hint">{t("staff.newHint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <fieldset className="fieldset">
            <legend>{t("staff.role")}</legend>
            <div className="radio-list">
              <label className="checkbox">
                <input type="radio" name="role" value="manager" defaultChecked />
                {t("staff.role.manager")}
              </label>
              <label className="checkbox">
                <input type="radio" name="role" value="clerk" />
                {t("staff.role.clerk")}
              </label>
            </div>
          </fieldset>
          <Field name="displayName" label={t("staff.name")} error={errors.displayName}>
            {(p) => <input {...p} required maxLength={40} defaultValue={values.displayName} />}
          </Field>
          <Field name="phone" label={t("join.phone")} error={errors.phone}>
            {(p) => <input {...p} type="tel" defaultValue={values.phone} />}
          </Field>
          <Field name="email" label={t("join.email")} error={errors.email}>
            {(p) => <input {...p} type="email" defaultValue={values.email} />}
          </Field>
          <fieldset className="fieldset">
            <legend>{t("staff.zones")}</legend>
            <div className="checkbox-grid">
              {zones.map((z) => (
                <label key={z.id} className="checkbox">
                  <input type="checkbox" name="zone" value={z.id} />
                  {z.name}
                </label>
              ))}
            </div>
          </fieldset>
          <SubmitButton
            pending={busy}
            label={t("staff.create")}
            pendingLabel={t("profile.saving")}
          />
        </Form>
      </section>
    </div>
  );
}
