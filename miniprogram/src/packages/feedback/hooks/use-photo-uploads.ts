import { useCallback, useRef, useState } from 'react';
import { api, type LocalPhoto, type PhotoPurpose, toApiError } from '@/services/api';
import { MAX_PHOTOS, pickPhotos } from '../lib/pick-photos';

export interface UploadingPhoto {
  id: number;
  /** Shown from the device while and after it uploads. */
  path: string;
  local: LocalPhoto;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  key?: string;
  error?: string;
}

/**
 * Photos picked on the device, each uploaded at once straight to the photo
 * store with its own progress; removable, and retried one by one.
 */
export function usePhotoUploads(communityId: string, purpose: PhotoPurpose) {
  const [photos, setPhotos] = useState<UploadingPhoto[]>([]);
  const [problem, setProblem] = useState<string>();
  const [preparing, setPreparing] = useState(false);
  const nextId = useRef(1);

  const patch = useCallback((id: number, change: Partial<UploadingPhoto>) => {
    setPhotos((prev) => prev.map((p) => (p.id === id ? { ...p, ...change } : p)));
  }, []);

  const upload = useCallback(
    async (id: number, local: LocalPhoto) => {
      patch(id, { state: 'uploading', progress: 0, error: undefined });
      try {
        const key = await api.uploadPhoto(communityId, purpose, local, (progress) => patch(id, { progress }));
        patch(id, { state: 'done', progress: 100, key });
      } catch (e) {
        patch(id, { state: 'failed', error: toApiError(e).message });
      }
    },
    [communityId, purpose, patch],
  );

  const add = useCallback(async () => {
    setProblem(undefined);
    const room = MAX_PHOTOS - photos.length;
    if (room <= 0) return setProblem(`最多 ${MAX_PHOTOS} 张照片`);
    let picked: Awaited<ReturnType<typeof pickPhotos>>;
    try {
      picked = await pickPhotos(room, () => setPreparing(true));
    } finally {
      setPreparing(false);
    }
    const problems = picked.flatMap((p) => (p.problem ? [p.problem] : []));
    if (problems.length) setProblem(problems[0]);
    const added = picked.flatMap((p) =>
      p.photo
        ? [{ id: nextId.current++, path: p.photo.path, local: p.photo, progress: 0, state: 'uploading' as const }]
        : [],
    );
    setPhotos((prev) => [...prev, ...added].slice(0, MAX_PHOTOS));
    await Promise.all(added.map((p) => upload(p.id, p.local)));
  }, [photos.length, upload]);

  const remove = useCallback((id: number) => setPhotos((prev) => prev.filter((p) => p.id !== id)), []);
  const retry = useCallback(
    (id: number) => {
      const photo = photos.find((p) => p.id === id);
      if (photo) void upload(id, photo.local);
    },
    [photos, upload],
  );

  return {
    photos,
    problem,
    add,
    remove,
    retry,
    clear: () => setPhotos([]),
    /** Keys of the uploaded photos, in the order shown. */
    keys: photos.flatMap((p) => (p.key ? [p.key] : [])),
    /** Photos being compressed or uploaded: the form waits for them. */
    busy: preparing || photos.some((p) => p.state === 'uploading'),
    failed: photos.some((p) => p.state === 'failed'),
    full: photos.length >= MAX_PHOTOS,
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;
