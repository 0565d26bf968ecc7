// The form rules of app/routes/vendor.profile.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import {
  categoryField,
  displayNameField,
  homeCommunityField,
  legalNameField,
  productsField,
} from "~/utils/vendor-schemas.server";

export const ProfileSchema = z.object({
  displayName: displayNameField,
  legalName: legalNameField,
  homeCommunity: homeCommunityField,
  category: categoryField,
  products: productsField,
});
