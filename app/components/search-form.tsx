// The product and vendor search box: a plain GET form, so it works before scripts load.
import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function SearchForm({
  query = "",
  autoFocus = false,
}: {
  query?: string;
  autoFocus?: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  return (
    <Form method="get" action="/search" role="search" className="search-form">
      <label htmlFor="q" className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        id="q"
        name="q"
        type="search"
        defaultValue={query}
        maxLength={40}
        placeholder={t("search.placeholder")}
        autoFocus={autoFocus}
      />
      <button type="submit" className="button button-primary" disabled={searching}>
        {searching ? t("search.searching") : t("search.submit")}
      </button>
    </Form>
  );
}
