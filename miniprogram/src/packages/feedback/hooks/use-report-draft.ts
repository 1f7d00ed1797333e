import type { Community } from '@linli/shared';
import { hasPlace, LOCATION_REQUIRED_MESSAGE } from '@linli/shared/rules';
import { useEffect, useState } from 'react';
import { fieldErrors } from '@/lib/field-errors';
import type { ApiError } from '@/services/api';
import type { LocationDraft, LocationSource } from '../lib/location';
import { usePhotoUploads } from './use-photo-uploads';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 500;

const FIELDS = ['category', 'description', 'photos', 'location'] as const;
export type ReportField = (typeof FIELDS)[number];
/** The questions every report asks, as the server names them. */
export const REPORT_FIELDS: readonly string[] = FIELDS;

/**
 * What every report needs, whoever files it: category, description, photos
 * and place. `extraFields` are the form's own fields the server may name.
 */
export function useReportDraft(
  community: Community,
  initial: { location: LocationDraft; source: LocationSource },
  extraFields: readonly string[] = [],
) {
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState(initial.location);
  const [source, setSource] = useState(initial.source);
  const uploads = usePhotoUploads(community.communityId, 'feedback');
  const [checks, setChecks] = useState<Partial<Record<string, string>>>({});
  const [serverError, setServerError] = useState<ApiError>();
  // Fields changed since the server's answer: what it said about them is out of date.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());

  /** A field was changed: its own error (found here or by the server) goes. */
  const fixing = (field: string) => {
    setChecks(({ [field]: _, ...rest }) => rest);
    setChanged((prev) => (prev.has(field) ? prev : new Set([...prev, field])));
  };

  // A photo added, removed, retried or finished uploading: what was said about the photos is out of date.
  const photoStates = uploads.photos.map((p) => `${p.id}:${p.state}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the photos change, not when `fixing` is re-created
  useEffect(() => {
    if (photoStates) fixing('photos');
  }, [photoStates]);

  /** Says at once what is missing, before anything is sent; the server has the last word. */
  function check(): boolean {
    const found: Partial<Record<ReportField, string>> = {};
    if (!category) found.category = '请选择问题类别';
    const length = [...description.trim()].length;
    if (length < DESCRIPTION_MIN) found.description = `请把问题说清楚，至少 ${DESCRIPTION_MIN} 个字`;
    if (length > DESCRIPTION_MAX) found.description = `问题描述最多 ${DESCRIPTION_MAX} 个字`;
    if (!location.estateId) found.location = '请选择问题所在的小区';
    else if (!hasPlace(location)) found.location = LOCATION_REQUIRED_MESSAGE;
    if (uploads.busy) found.photos = '照片还在上传，请稍等一下再提交';
    if (uploads.failed) found.photos = '有照片没有上传成功：请点它重试，或删除后再提交';
    setChecks(found);
    setServerError(undefined);
    setChanged(new Set());
    return Object.keys(found).length === 0;
  }

  const fromServer = fieldErrors(serverError, [...FIELDS, ...extraFields]);
  for (const field of changed) delete fromServer[field as keyof typeof fromServer];
  const errors: Partial<Record<string, string>> = { ...fromServer, ...checks };

  return {
    category,
    setCategory: (value: string) => {
      setCategory(value);
      fixing('category');
    },
    description,
    setDescription: (value: string) => {
      setDescription(value);
      fixing('description');
    },
    location,
    source,
    setLocation: (value: LocationDraft, from?: LocationSource) => {
      setLocation(value);
      if (from) setSource(from);
      fixing('location');
    },
    uploads,
    errors,
    serverError,
    setServerError: (error: ApiError | undefined) => {
      setServerError(error);
      setChanged(new Set());
    },
    /** A form's own field (`extraFields`) was changed: what the server said about it goes. */
    fixing,
    check,
    /** The fields as the API takes them (call after `check()` passed). */
    body: () => ({
      category: category ?? '',
      description: description.trim(),
      photos: uploads.keys,
      location: {
        estateId: location.estateId ?? '',
        buildingId: location.buildingId,
        unit: location.unit,
        detail: location.detail.trim(),
        point: location.point,
      },
    }),
  };
}

export type ReportDraft = ReturnType<typeof useReportDraft>;
