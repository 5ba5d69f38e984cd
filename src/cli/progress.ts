/** One line of progress that rewrites itself on a terminal, and says nothing when piped. */
export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }) {
  let shown = false;
  let last = 0;
  return {
    update(text: string) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r\x1b[K${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
