import { InitialSchema1795240299577 } from './1795240299577-InitialSchema.js';

/** In order. Explicit, not globbed, so a bundle carries them. */
export const ALL_MIGRATIONS = [InitialSchema1795240299577];
