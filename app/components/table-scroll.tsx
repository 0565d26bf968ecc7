// A table wider than a phone scrolls sideways inside its own box: the box can be reached with
// the keyboard (and arrow keys then scroll it), is named for screen readers, and on a narrow
// screen says that it scrolls.
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";

export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <p className="scroll-hint" aria-hidden="true">
        {t("table.scrollHint")}
      </p>
      <div
        className={`table-scroll ${className ?? ""}`}
        role="region"
        aria-label={label}
        tabIndex={0}
      >
        {children}
      </div>
    </>
  );
}
