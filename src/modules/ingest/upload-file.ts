import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.js';

/** The file name a user's upload is kept under: no folders, bounded length. */
export function uploadName(fileName: string): string {
  return path.basename(fileName.replace(/\\/g, '/')).slice(0, 200) || 'upload';
}

/**
 * Streams an uploaded body to a temporary file under `dir`, refusing it as soon as it passes `maxBytes` (the body is
 * never held in memory). Returns the file's path and size; the caller moves or removes it.
 */
export async function saveUpload(dir: string, body: Readable, maxBytes: number): Promise<{ path: string; size: number }> {
  const tmp = path.join(dir, `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await fs.promises.mkdir(dir, { recursive: true });
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new AppError('FILE_TOO_LARGE', `The file is larger than ${maxBytes / 1024 / 1024} MB`, `文件超过${Math.round(maxBytes / 1024 / 1024)} MB的上限，请拆分后上传`));
        return;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(tmp));
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `The upload did not complete: ${(e as Error).message}`, '文件上传未完成，请重新上传');
  }
  return { path: tmp, size };
}
