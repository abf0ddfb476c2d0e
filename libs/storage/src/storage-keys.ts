/** Where each kind of file lives under MEDIA_ROOT. Ids are server-generated UUIDs, never user text. */
export const storageKeys = {
  assetOriginal: (tenantId: string, assetId: string, extension: string) =>
    `assets/${tenantId}/${assetId}/original.${extension}`,
  variant: (tenantId: string, variantId: string, extension: string) => `variants/${tenantId}/${variantId}.${extension}`,
  /** A directory holding several files of one output set (an HLS package). */
  variantDir: (tenantId: string, packageId: string) => `variants/${tenantId}/${packageId}`,
};
