/**
 * Counts CSV record ends (line breaks outside quotes) in a byte stream fed chunk by chunk, so a quoted
 * "Called info" holding a line break is not taken for two rows. The quote state carries across chunks;
 * an escaped quote ("") toggles twice and so changes nothing.
 */
export function csvRecordCounter() {
  let quoted = false;
  let lines = 0;
  let bytes = 0;
  return {
    push(chunk: Uint8Array): void {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 34) quoted = !quoted;
        else if (byte === 10 && !quoted) lines++;
      }
    },
    /** Lines ended so far, the header line included. */
    get lines() {
      return lines;
    },
    get bytes() {
      return bytes;
    },
  };
}
