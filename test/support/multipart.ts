export type Upload = { name: string; content: string | Uint8Array<ArrayBuffer> };

/** A multipart body as a browser sends it, built by the platform's own FormData. */
export async function formOf(files: Upload[], field = 'files') {
  const form = new FormData();
  for (const file of files) form.append(field, new Blob([file.content]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}
