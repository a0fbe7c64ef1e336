// Authentication: bearer tokens mapped to users and groups (a static token file stands in for
// x509 client certificates and service-account tokens). The first authenticator that recognises
// the token wins; none does means 401.

export type UserInfo = { name: string; groups: string[] };

export type TokenTable = Record<string, UserInfo>;

export function authenticate(tokens: TokenTable, token: string | null): UserInfo | null {
  if (token === null) return null;
  return tokens[token] ?? null;
}
