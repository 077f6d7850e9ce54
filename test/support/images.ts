/** Test pictures made on the spot with sharp: a JPEG carrying GPS, an orientation and camera EXIF; a large noisy one. */
import sharp from 'sharp';

export const GPS = { latitude: 30.26, longitude: 120.166667 };

/** 600×400 pixels stored, orientation 6 (shown 400×600), with EXIF camera make and a GPS position. */
export function jpegWithGps(color = { r: 200, g: 30, b: 30 }): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Copyright: 'a resident' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A noisy photo-like JPEG (compresses like a real picture). */
export function noisyJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality })
    .toBuffer();
}
