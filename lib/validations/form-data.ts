/**
 * A server action's form, or an empty one when the request sent something else (anyone can post
 * any body to an action): the action's own validation then answers with its usual message.
 */
export function formDataOrEmpty(submitted: unknown): FormData {
  return submitted instanceof FormData ? submitted : new FormData();
}
