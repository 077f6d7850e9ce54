/** Evidence photos with the default storage: files under DATA_DIR/photos. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { photoSuite } from '../support/photo-suite';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-photos-'));
photoSuite('file', () => ({ DATA_DIR: dataDir }));
