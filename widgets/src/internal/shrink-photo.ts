/**
 * Shrinks a large picture in the browser before it is uploaded (a phone photo is often 4–12 MB):
 * at most 2048 px on its longest side, as JPEG, with the camera's orientation applied. Metadata
 * does not survive the canvas either. A picture the browser cannot decode (HEIC outside Safari)
 * goes as it is; the server decodes and re-encodes everything anyway.
 */
const MAX_SIDE = 2048;
const SMALL_ENOUGH = 1_500_000;

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } finally {
    bitmap.close();
  }
}
