// Where the Raft view draws each etcd member: evenly on a circle, the first at the top, clockwise
// (RaftScope's layout). On a ring a message between two members is a chord, which never passes
// through a third member's disc for the sizes drawn here (up to 7 members). Pure.

export type RingSlot = { x: number; y: number };
type RingLayout = { size: number; radius: number; memberRadius: number; slots: RingSlot[] };

export function ringLayout(members: number): RingLayout {
  const size = 440;
  const radius = members <= 3 ? 130 : 145;
  const memberRadius = members <= 5 ? 30 : 25;
  const slots = Array.from({ length: members }, (_, i) => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / Math.max(1, members);
    return { x: size / 2 + radius * Math.cos(angle), y: size / 2 + radius * Math.sin(angle) };
  });
  return { size, radius, memberRadius, slots };
}
