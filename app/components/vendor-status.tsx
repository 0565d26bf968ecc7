import type { VendorStatus } from "#db/schema";
import type { Translate } from "~/utils/i18n";

export function VendorStatusBadge({ t, status }: { t: Translate; status: VendorStatus }) {
  return <span className={`badge badge-${status}`}>{t(`vendor.status.${status}`)}</span>;
}
