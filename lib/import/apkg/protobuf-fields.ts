// Just enough of the protobuf wire format to read the few fields Quorum needs from Anki's
// notetype and template config blobs (proto/anki/notetypes.proto: Notetype.Config.kind = 1,
// Template.Config.q_format = 1 and a_format = 2). Unknown fields are skipped by wire type.

export type ProtoFields = { varints: Map<number, number>; strings: Map<number, string> };

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let at = start; at < bytes.length && at < start + 10; at += 1) {
    const byte = bytes[at]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, next: at + 1 };
  }
  throw new RangeError("truncated varint");
}

/** The varint and length-delimited (as UTF-8) fields of one message, the first value of each. Throws on bad input. */
export function readProtoFields(bytes: Uint8Array): ProtoFields {
  const fields: ProtoFields = { varints: new Map(), strings: new Map() };
  const decoder = new TextDecoder();
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    const field = Math.floor(key.value / 8);
    const wireType = key.value % 8;
    at = key.next;
    if (wireType === 0) {
      const value = readVarint(bytes, at);
      if (!fields.varints.has(field)) fields.varints.set(field, value.value);
      at = value.next;
    } else if (wireType === 2) {
      const length = readVarint(bytes, at);
      const end = length.next + length.value;
      if (end > bytes.length) throw new RangeError("truncated field");
      if (!fields.strings.has(field)) fields.strings.set(field, decoder.decode(bytes.subarray(length.next, end)));
      at = end;
    } else if (wireType === 1 || wireType === 5) {
      at += wireType === 1 ? 8 : 4;
    } else {
      throw new RangeError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
