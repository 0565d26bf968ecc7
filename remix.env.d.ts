/// <reference types="@remix-run/dev" />
import "@remix-run/node";

// Single fetch changes what loaders and actions return to the page; tell the types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  // Set by app/entry.express.ts for every request.
  interface AppLoadContext {
    clientIp: string;
    /** The Content Security Policy nonce of this response, for the page's scripts. */
    cspNonce?: string;
    /** The id in the log line and the X-Request-Id header of this request. */
    requestId?: string;
  }
}
