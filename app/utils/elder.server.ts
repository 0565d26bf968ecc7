// The large-text mode for older eyes (适老化, MIIT 2021): a switch in the header, remembered in
// a cookie of its own for a year. A plain "1", so the page cache can key on it unparsed.
export const ELDER_COOKIE = "jishi_elder";
export const ELDER_ON = "1";

/** Whether the reader switched large text on. */
export function isElder(request: Request): boolean {
  const cookie = request.headers.get("Cookie") ?? "";
  return cookie.split(";").some((c) => c.trim() === `${ELDER_COOKIE}=${ELDER_ON}`);
}

/** The Set-Cookie header that switches the mode on or off. */
export function elderCookie(on: boolean): string {
  return on
    ? `${ELDER_COOKIE}=${ELDER_ON}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`
    : `${ELDER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;
}
