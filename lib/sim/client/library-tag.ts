// What a client library (client-go's informers and leader elector) tags its own requests with, so the
// component that owns the HTTP client hands the results back to the library. A component's own
// requests carry its own typed tags; none of them has a `lib` field.

export type InformerTag = { lib: "informer"; informer: string; verb: "list" | "watch" };

export type ElectorTag = { lib: "leader-election"; verb: "get" | "update" | "create" };

export type LibraryTag = InformerTag | ElectorTag;

export function isLibraryTag(tag: object): tag is LibraryTag {
  return "lib" in tag;
}
