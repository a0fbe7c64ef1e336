// Authentication (k8s.io/apiserver/pkg/authentication): the request's credential is offered to the
// authenticators as a union, the first that recognises it wins, and none means 401. A client
// certificate signed by the --client-ca-file CA authenticates as user CN in groups O
// (request/x509/x509.go): kubeadm's admin.conf, super-admin.conf, controller-manager.conf,
// scheduler.conf and the kubelets' kubelet.conf all carry one. Bearer tokens (service-account JWTs,
// a static token file) are looked up in a table. Every authenticated user also gets the group
// system:authenticated (group/authenticated_group_adder.go).

export type UserInfo = { name: string; groups: string[] };

type TokenTable = Record<string, UserInfo>;

/** What a client presents: a client certificate (its subject and the CA that signed it) or a bearer token. */
export type Credential = { kind: "x509"; cn: string; o: string[]; ca: string } | { kind: "bearer"; token: string };

export type AuthnConfig = { clientCa: string; tokens: TokenTable };

/** The user, and how it was authenticated in a few words (for the request-flow trace). */
type Authenticated = { user: UserInfo; how: string };

/** A client certificate with subject CN=`cn`, O=`o`… signed by `ca`. Pure. */
export function clientCert(cn: string, o: string[], ca: string): Credential {
  return { kind: "x509", cn, o, ca };
}

// Every request presents one of a few credentials (each client keeps its own, part of its config):
// their answers are memoized per config and credential, both immutable. Not world state.
const answers = new WeakMap<AuthnConfig, WeakMap<Credential, Authenticated | null>>();

/** Pure: the authenticated user, or null (401). The answer is shared: never mutate it. */
export function authenticate(cfg: AuthnConfig, cred: Credential | null): Authenticated | null {
  if (cred === null) return null;
  let byCred = answers.get(cfg);
  if (byCred === undefined) answers.set(cfg, (byCred = new WeakMap()));
  let answer = byCred.get(cred);
  if (answer === undefined) byCred.set(cred, (answer = authenticateOnce(cfg, cred)));
  return answer;
}

function authenticateOnce(cfg: AuthnConfig, cred: Credential): Authenticated | null {
  if (cred.kind === "x509") {
    if (cred.ca !== cfg.clientCa) return null;
    const subject = [`CN=${cred.cn}`, ...cred.o.map((o) => `O=${o}`)].join(", ");
    return {
      user: { name: cred.cn, groups: [...cred.o, "system:authenticated"] },
      how: `x509 client certificate: ${subject}`,
    };
  }
  const user = cfg.tokens[cred.token];
  if (user === undefined) return null;
  const kind = user.name.startsWith("system:serviceaccount:") ? "service account token" : "bearer token";
  const groups = [...user.groups, "system:authenticated"];
  return { user: { name: user.name, groups }, how: `${kind}: user ${user.name}, groups ${groups.join(", ")}` };
}
