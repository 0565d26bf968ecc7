// How a phone number is shown where it need not be read whole.

/** 138****0001: enough for a person to know which phone, not enough to call it. */
export function maskPhone(phone: string): string {
  return phone.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2");
}
