import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale, loadCatalogue, DEFAULT_LOCALE } from "./utils/i18n";

// Only the page's language is downloaded, before hydration, so the first render matches the
// server's. Switching language reloads the document (root.tsx), which loads the other one.
const lang = document.documentElement.lang;
loadCatalogue(isLocale(lang) ? lang : DEFAULT_LOCALE).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
