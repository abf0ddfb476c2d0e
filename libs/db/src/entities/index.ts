import { ApiKeyEntity } from './api-key.entity.js';
import { AssetEntity } from './asset.entity.js';
import { JobEntity } from './job.entity.js';
import { ProjectRenderEntity } from './project-render.entity.js';
import { ProjectVersionEntity } from './project-version.entity.js';
import { ProjectEntity } from './project.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { VariantEntity } from './variant.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

export { ApiKeyEntity, AssetEntity, JobEntity, TenantEntity, VariantEntity, WebhookDeliveryEntity };
export { ProjectEntity, ProjectRenderEntity, ProjectVersionEntity };
export type { ProjectVersionOrigin } from './project-version.entity.js';

/** Explicit, not globbed: a bundle has no files to glob. */
export const ALL_ENTITIES = [
  TenantEntity,
  ApiKeyEntity,
  AssetEntity,
  JobEntity,
  VariantEntity,
  WebhookDeliveryEntity,
  ProjectEntity,
  ProjectVersionEntity,
  ProjectRenderEntity,
];
