import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SubmitButton } from "~/components/form-field";
import { VendorProfileFields } from "~/components/vendor-profile-fields";
import { listCategories } from "~/models/category.server";
import { updateVendorProfile } from "~/models/vendor.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { ProfileSchema } from "~/forms/vendor-profile.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("profile.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const [locale, categories] = await Promise.all([getLocale(request), listCategories(db)]);
  return { locale, categories, vendor };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const { user, vendor, clerk } = await requireVendor(request, { counter: true });
  const form = await readFormData(request);
  const values = Object.fromEntries(
    ["displayName", "legalName", "homeCommunity", "category", "products"].map((k) => [
      k,
      String(form.get(k) ?? "").slice(0, 300),
    ]),
  );
  const parsed = parseForm(ProfileSchema, form);
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, errorParams: parsed.errorParams, values },
      { status: 400 },
    );
  const categories = await listCategories(db);
  if (!categories.some((c) => c.slug === parsed.data.category)) {
    return data(
      { errors: { category: "form.error.categoryRequired" as const }, values },
      { status: 400 },
    );
  }
  const { backToReview } = await updateVendorProfile(
    db,
    { vendorId: vendor.id, userId: user.id, clerkUserId: clerk?.id },
    { ...parsed.data, categorySlug: parsed.data.category },
    now,
  );
  return redirect(backToReview ? "/vendor?profile=review" : "/vendor?profile=saved");
}

export default function VendorProfile() {
  const { categories, vendor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const pending = useNavigation().formAction === "/vendor/profile";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {
    displayName: vendor.display_name,
    legalName: vendor.legal_name,
    homeCommunity: vendor.home_community ?? "",
    category: vendor.category_slug,
    products: vendor.products,
  };
  return (
    <div className="page narrow">
      <p>
        <QuickLink to="/vendor">← {t("vendorHome.title")}</QuickLink>
      </p>
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.intro")}</p>
      <Form method="post" className="card" noValidate>
        <VendorProfileFields values={values} errors={errors} categories={categories} editing />
        <SubmitButton
          pending={pending}
          label={t("profile.save")}
          pendingLabel={t("profile.saving")}
        />
      </Form>
    </div>
  );
}
