// The Content Security Policy nonce of the page being rendered, for the scripts Remix writes.
// On the server it comes from the request; in the browser it is empty (browsers hide it).
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
