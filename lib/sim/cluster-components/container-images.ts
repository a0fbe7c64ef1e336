// The images a node's container runtime holds, as CRI ListImages reports them to the kubelet:
// containerd names an image by its normalized reference (distribution/reference's ParseNormalizedNamed:
// "nginx:1.27" is "docker.io/library/nginx:1.27"), and its size is the compressed size of its content.
// The kubelet copies these names into status.images verbatim, so the scheduler's ImageLocality, which
// only adds ":latest" to a pod's image (imagelocality/image_locality.go, normalizedImageName), finds a
// short name such as "nginx:1.27" on no node: upstream's open issue kubernetes/kubernetes#112699.
// Repo digests (the other names upstream lists first) are left out: no pod here names an image by digest.
import type { ContainerImage } from "../objects/core";

const MIB = 1024 * 1024;

/** Approximate compressed linux/amd64 sizes of the images scenarios use; others count as 50 MiB. */
const SIZES: Record<string, number> = {
  "docker.io/library/nginx:1.27": 69 * MIB,
  "docker.io/library/nginx:1.28": 69 * MIB,
  "docker.io/library/nginx:1.29": 70 * MIB,
  "docker.io/library/nginx:latest": 70 * MIB,
};
const DEFAULT_SIZE = 50 * MIB;

/** ParseNormalizedNamed + TagNameOnly: add docker.io (and library/ for official images) and :latest. Pure. */
export function normalizedReference(image: string): string {
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  const hasDomain = first.includes(".") || first.includes(":") || first === "localhost";
  let ref = hasDomain ? image : `docker.io/${slash < 0 ? `library/${image}` : image}`;
  const last = ref.slice(ref.lastIndexOf("/") + 1);
  if (!last.includes(":") && !last.includes("@")) ref = `${ref}:latest`;
  return ref;
}

/** The compressed size the runtime reports for an image reference. Pure. */
function imageSizeBytes(ref: string): number {
  return SIZES[ref] ?? DEFAULT_SIZE;
}

/** ListImages, largest first as the kubelet's image cache sorts them (ties by name). Pure. */
export function listImages(pulled: readonly string[]): ContainerImage[] {
  const refs = [...new Set(pulled.map(normalizedReference))];
  return refs
    .map((ref) => ({ names: [ref], sizeBytes: imageSizeBytes(ref) }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0]! < b.names[0]! ? -1 : 1));
}
