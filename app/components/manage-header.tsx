// The head of a management page: the way back to the managers' home, the title, a lead line,
// and anything the page adds under them (its main actions).
import type { ReactNode } from "react";

import { useT } from "~/utils/i18n";
import { QuickLink } from "~/components/quick-link";

export function ManageHeader({
  title,
  lead,
  children,
}: {
  title: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div>
      <p>
        <QuickLink to="/manage">← {t("manage.title")}</QuickLink>
      </p>
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}
