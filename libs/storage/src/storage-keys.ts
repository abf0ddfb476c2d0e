/** Where each kind of file lives under MEDIA_ROOT. Ids are server-generated UUIDs, never user text. */
export const storageKeys = {
  assetOriginal: (tenantId: string, assetId: string, extension: string) =>
    `assets/${tenantId}/${assetId}/original.${extension}`,
  variant: (tenantId: string, variantId: string, extension: string) => `variants/${tenantId}/${variantId}.${extension}`,
  /** A directory holding several files of one output set (an HLS package). */
  variantDir: (tenantId: string, packageId: string) => `variants/${tenantId}/${packageId}`,
  /**
   * What to remove so nothing of a stored item is left: an asset's whole directory, an HLS package's
   * whole directory (its playlists and segments), or a single variant file.
   */
  removalUnit: (key: string): string => {
    const parts = key.split('/');
    return parts.length === 4 ? parts.slice(0, 3).join('/') : key;
  },
};
